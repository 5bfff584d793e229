namespace HardwareProbes.Cpu;

/// <summary>The tick counters of one CPU, under its kernel id (the N of <c>cpuN</c>).</summary>
/// <param name="Id">The kernel's CPU number; ids can be sparse.</param>
/// <param name="Times">The counters.</param>
public readonly record struct CoreTimes(int Id, CpuTimes Times);
