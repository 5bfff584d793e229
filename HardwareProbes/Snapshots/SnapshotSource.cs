using HardwareProbes.Cpu;
using HardwareProbes.Windows;

namespace HardwareProbes.Snapshots;

/// <summary>The library's entry point: the snapshot source for the operating system this runs on.</summary>
public static class SnapshotSource
{
    /// <summary>Creates the source for this operating system: <see cref="WindowsSnapshotSource"/> on Windows, <see cref="LinuxSnapshotSource"/> elsewhere.</summary>
    /// <param name="options">Roots, mount points and limits.</param>
    /// <returns>A source to dispose when done.</returns>
    /// <exception cref="ArgumentException">An option is out of its documented range.</exception>
    public static ISnapshotSource Create(ProbeOptions options) => Create(options, TimeProvider.System);

    /// <summary>Creates the source for this operating system, with time (timestamps, refresh intervals, measuring windows) from <paramref name="timeProvider"/>.</summary>
    /// <param name="options">Roots, mount points and limits.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <returns>A source to dispose when done.</returns>
    /// <exception cref="ArgumentException">An option is out of its documented range.</exception>
    public static ISnapshotSource Create(ProbeOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return OperatingSystem.IsWindows()
            ? new WindowsSnapshotSource(options, timeProvider)
            : new LinuxSnapshotSource(new System.IO.Abstractions.FileSystem(), options, timeProvider);
    }

    /// <summary>The measuring window both sources share: counters now, a wait, a snapshot against them.</summary>
    internal static async Task<HardwareSnapshot> CollectOverAsync(
        Func<CpuCounters?> readCounters, Func<CpuCounters?, HardwareSnapshot> collect, TimeSpan window, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        CpuCounters? baseline = readCounters();
        await Task.Delay(window, time, cancellationToken).ConfigureAwait(false);
        return collect(baseline);
    }
}
