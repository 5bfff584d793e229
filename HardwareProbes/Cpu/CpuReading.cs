using System.Text;

namespace HardwareProbes.Cpu;

/// <summary>CPU usage and frequency at one moment.</summary>
/// <param name="UsagePercent">Busy share of all CPUs since the baseline (the aggregate <c>cpu</c> line), in percent; null on the first reading.</param>
/// <param name="FrequencyMhz">Mean current frequency of the online CPUs that report one, in MHz (psutil's <c>cpu_freq().current</c>).</param>
/// <param name="Cores">Every known CPU by ascending id, offline ones included.</param>
/// <param name="Times">The raw tick counters this reading was computed from (<c>/proc/stat</c>, or Windows' processor times), or null.</param>
public sealed record CpuReading(double? UsagePercent, double? FrequencyMhz, IReadOnlyList<CpuCore> Cores, CpuCounters? Times)
{
    private bool PrintMembers(StringBuilder builder)
    {
        Printing.Member(builder, nameof(UsagePercent), UsagePercent, first: true);
        Printing.Member(builder, nameof(FrequencyMhz), FrequencyMhz);
        Printing.List(builder, nameof(Cores), Cores);
        Printing.Member(builder, nameof(Times), Times);
        return true;
    }
}
