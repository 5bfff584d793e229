using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting.Systemd;

namespace MonitorWorker.Tests;

/// <summary>An enabled systemd notifier that records what it was told.</summary>
internal sealed class RecordingNotifier : ISystemdNotifier
{
    public ConcurrentQueue<string> States { get; } = new();

    public bool IsEnabled => true;

    public int Watchdogs => States.Count(s => s == "WATCHDOG=1");

    public void Notify(ServiceState state) => States.Enqueue(state.ToString());
}
