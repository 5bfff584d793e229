namespace HardwareProbes.Snapshots;

/// <summary>
/// Something that takes snapshots of a machine: <see cref="LinuxSnapshotSource"/> or <see cref="Windows.WindowsSnapshotSource"/>,
/// created for the running operating system by <see cref="SnapshotSource.Create(ProbeOptions)"/>.
/// </summary>
/// <remarks>
/// CPU usage and traffic rates are differences of two readings of counters. The source keeps the counters of its
/// previous <see cref="Collect"/>, so the next one measures since then; <see cref="CollectOnDemand"/> measures since
/// then too but leaves them, so a caller that samples at a steady pace (a sampler) keeps whole windows however many
/// on-demand snapshots are taken between its samples; <see cref="CollectOverAsync"/> measures CPU usage over a window of
/// its own and needs no earlier call.
/// </remarks>
public interface ISnapshotSource : IDisposable
{
    /// <summary>Takes a snapshot, with CPU usage measured since the previous snapshot of this source (null on the first).</summary>
    /// <returns>The snapshot.</returns>
    HardwareSnapshot Collect();

    /// <summary>
    /// Takes a snapshot between two <see cref="Collect"/> calls: CPU usage and rates are measured since the previous
    /// <see cref="Collect"/>, whose counters stay the baseline of the next one. A source that keeps no counters takes an
    /// ordinary snapshot.
    /// </summary>
    /// <returns>The snapshot.</returns>
    HardwareSnapshot CollectOnDemand() => Collect();

    /// <summary>
    /// Takes a snapshot whose CPU usage is measured over <paramref name="window"/> starting now: reads the counters,
    /// waits, then collects against them. The first call already has a usage.
    /// </summary>
    /// <param name="window">How long to measure over, more than zero; one second gives figures like top's.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is zero or negative.</exception>
    Task<HardwareSnapshot> CollectOverAsync(TimeSpan window, CancellationToken cancellationToken = default);
}
