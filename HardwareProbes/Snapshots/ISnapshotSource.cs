using HardwareProbes.Cpu;

namespace HardwareProbes.Snapshots;

/// <summary>Something that takes snapshots of a machine: <see cref="LinuxSnapshotSource"/>, or the Windows source.</summary>
public interface ISnapshotSource : IDisposable
{
    /// <summary>Reads the CPU tick counters alone, as the baseline of a later <see cref="Collect(ProcStat?)"/>.</summary>
    /// <returns>The counters, or null when they cannot be read.</returns>
    ProcStat? ReadCpuTimes();

    /// <summary>Takes a snapshot with CPU usage measured since <paramref name="baseline"/>, or since the previous snapshot when it is null.</summary>
    /// <param name="baseline">Counters from <see cref="ReadCpuTimes"/>, or null.</param>
    /// <returns>The snapshot.</returns>
    HardwareSnapshot Collect(ProcStat? baseline);
}
