using HardwareProbes.Snapshots;
using Microsoft.Extensions.Hosting.Systemd;

namespace MonitorWorker.Sampling;

/// <summary>
/// Pings the systemd watchdog (WATCHDOG=1) after every sampled snapshot, so the pings stop exactly when sampling stops
/// making progress. Does nothing when the service does not run under systemd.
/// </summary>
public sealed class SystemdWatchdog(ISystemdNotifier? notifier = null) : ISnapshotSubscriber
{
    private static readonly ServiceState Ping = new("WATCHDOG=1");

    public void OnSnapshot(HardwareSnapshot snapshot)
    {
        if (notifier is { IsEnabled: true })
        {
            notifier.Notify(Ping);
        }
    }
}
