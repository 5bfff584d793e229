using HardwareProbes.Windows;

namespace HardwareProbes.Snapshots;

/// <summary>The library's entry point: the snapshot source for the operating system this runs on, and measuring over a window.</summary>
public static class SnapshotSource
{
    /// <summary>Creates the source for this operating system: <see cref="WindowsSnapshotSource"/> on Windows, <see cref="LinuxSnapshotSource"/> elsewhere.</summary>
    /// <param name="options">Roots, mount points and limits.</param>
    /// <returns>A source to dispose when done.</returns>
    public static ISnapshotSource Create(ProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OperatingSystem.IsWindows() ? new WindowsSnapshotSource(options) : new LinuxSnapshotSource(options);
    }

    /// <summary>
    /// Takes a snapshot whose CPU usage is measured over <paramref name="window"/> starting now: reads the counters,
    /// waits, then collects against them. Unlike <see cref="ISnapshotSource.Collect(Cpu.ProcStat?)"/> with no baseline,
    /// the first call already has a usage.
    /// </summary>
    /// <param name="source">The source.</param>
    /// <param name="window">How long to measure over; one second gives figures like top's.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The snapshot.</returns>
    public static async Task<HardwareSnapshot> CollectOverAsync(this ISnapshotSource source, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        Cpu.ProcStat? baseline = source.ReadCpuTimes();
        await Task.Delay(window, cancellationToken).ConfigureAwait(false);
        return source.Collect(baseline);
    }
}
