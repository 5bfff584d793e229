namespace HardwareProbes.Cpu;

/// <summary>
/// CPU usage between two readings of the tick counters: busy ticks elapsed divided by all ticks elapsed, as a
/// percentage (busy = user + nice + system + irq + softirq + steal; iowait counts as idle, as in top).
/// </summary>
public static class CpuUsage
{
    /// <summary>Computes the busy share of the ticks that elapsed between two readings of the same CPU.</summary>
    /// <param name="earlier">The earlier reading.</param>
    /// <param name="later">The later reading.</param>
    /// <returns>
    /// A percentage in [0, 100], or <see langword="null"/> when no tick elapsed or the counters went
    /// backwards (the CPU went offline and came back, which resets them).
    /// </returns>
    public static double? Percent(in CpuTimes earlier, in CpuTimes later)
    {
        if (later.Total <= earlier.Total || later.Busy < earlier.Busy)
        {
            return null;
        }

        double total = later.Total - earlier.Total;
        double busy = later.Busy - earlier.Busy;

        // iowait may step backwards on tickless kernels, which can leave busy above total by a tick.
        return Math.Clamp(busy / total * 100.0, 0.0, 100.0);
    }

    /// <summary>Computes per-CPU usage, matching CPUs by kernel id; a CPU missing from either reading gets no entry.</summary>
    /// <param name="earlier">The earlier reading.</param>
    /// <param name="later">The later reading.</param>
    /// <returns>Usage by CPU id, for CPUs present in both readings; a value is null where <see cref="Percent"/> is.</returns>
    public static IReadOnlyDictionary<int, double?> PerCore(CpuCounters earlier, CpuCounters later)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        var usage = new Dictionary<int, double?>(later.Cores.Count);
        foreach (CoreTimes core in later.Cores)
        {
            foreach (CoreTimes before in earlier.Cores)
            {
                if (before.Id == core.Id)
                {
                    usage[core.Id] = Percent(before.Times, core.Times);
                    break;
                }
            }
        }

        return usage;
    }

    /// <summary>The <c>cpu_usage</c> entry of a snapshot's sources: why the aggregate usage is what it is.</summary>
    internal static string Status(CpuCounters? now, CpuCounters? baseline, double? total) => (now, baseline, total) switch
    {
        (null, _, _) => "no CPU counters",
        (_, null, _) => "first reading: usage needs a second one",
        (_, _, null) => "no ticks elapsed since the baseline",
        _ => Snapshots.HardwareSnapshot.Ok,
    };
}
