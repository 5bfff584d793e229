using HardwareProbes;
using HardwareProbes.Jetson;
using HardwareProbes.Snapshots;
using MonitorWorker.Configuration;

namespace MonitorWorker.Sampling;

/// <summary>Builds the snapshot source for this operating system from the settings.</summary>
public static class SnapshotSourceFactory
{
    public static ISnapshotSource Create(PiStatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SnapshotSource.Create(ProbeOptionsFrom(options));
    }

    public static ProbeOptions ProbeOptionsFrom(PiStatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ProbeOptions
        {
            ProcPath = options.ProcPath,
            SysPath = options.SysPath,
            EtcPath = options.EtcPath,
            DiskPaths = [.. options.DiskPaths],
            VcgencmdPath = options.VcgencmdPath,
            Tegrastats = new TegrastatsOptions
            {
                ExecutablePath = options.TegrastatsPath,
                Interval = TimeSpan.FromMilliseconds(options.TegrastatsIntervalMs),
            },
        };
    }
}
