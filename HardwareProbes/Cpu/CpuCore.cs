namespace HardwareProbes.Cpu;

/// <summary>One CPU under its kernel id.</summary>
/// <param name="Id">The kernel's CPU number (ids can be sparse; offline CPUs keep theirs).</param>
/// <param name="Online">Whether the CPU is online.</param>
/// <param name="UsagePercent">Busy share since the baseline reading, in percent; null when offline or without a baseline.</param>
/// <param name="FrequencyMhz">Current frequency (cpufreq <c>scaling_cur_freq</c>), in MHz; null when offline or without cpufreq.</param>
/// <param name="MaxFrequencyMhz">Nominal maximum frequency (cpufreq <c>cpuinfo_max_freq</c>), in MHz; null without cpufreq.</param>
public sealed record CpuCore(int Id, bool Online, double? UsagePercent, double? FrequencyMhz, double? MaxFrequencyMhz);
