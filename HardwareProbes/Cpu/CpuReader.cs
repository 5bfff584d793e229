using HardwareProbes.Identity;
using HardwareProbes.IO;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Cpu;

/// <summary>
/// Reads the CPUs on every sample: <c>/proc/stat</c> for usage, <c>cpu/online</c>, and each online CPU's clock from
/// cpufreq (or, where there is none, <c>/proc/cpuinfo</c>).
/// </summary>
internal sealed class CpuReader(ProbeFiles files)
{
    private readonly string _stat = $"{files.Proc}/stat";
    private readonly string _cpuInfo = $"{files.Proc}/cpuinfo";
    private readonly string _online = $"{files.Sys}/devices/system/cpu/online";

    /// <summary>Reads the tick counters alone.</summary>
    /// <returns>The counters, or null when <c>/proc/stat</c> cannot be read.</returns>
    public CpuCounters? ReadCounters() => files.TryParse(_stat, static t => CpuCounters.Parse(t), out CpuCounters? stat, out _) ? stat : null;

    /// <summary>Reads every CPU, with usage measured since <paramref name="baseline"/>.</summary>
    public CpuReading Read(StaticFacts facts, CpuCounters? baseline, Dictionary<string, string> sources)
    {
        CpuCounters? stat = files.Read(_stat, SourceNames.CpuTimes, static t => CpuCounters.Parse(t), sources);
        IReadOnlyList<int>? online = files.Read(_online, SourceNames.CpuOnline, static t => CpuList.Parse(t), sources);

        double? total = stat is not null && baseline is not null ? CpuUsage.Percent(baseline.Total, stat.Total) : null;
        sources[SourceNames.CpuUsage] = CpuUsage.Status(stat, baseline, total);

        // Every CPU the kernel knows: present ones, and any that /proc/stat or the online list names.
        var ids = new SortedSet<int>(facts.PresentCpus ?? []);
        if (stat is not null)
        {
            foreach (CoreTimes core in stat.Cores)
            {
                ids.Add(core.Id);
            }
        }

        if (online is not null)
        {
            ids.UnionWith(online);
        }

        // Without cpufreq (VMs, cloud hosts, containers) the kernel still prints each x86 CPU's clock in /proc/cpuinfo.
        IReadOnlyDictionary<int, double>? cpuinfoMhz = null;
        if (facts.CurrentFrequencyPaths.Count == 0)
        {
            bool read = files.TryParse(_cpuInfo, static t => CpuInfo.Parse(t), out CpuInfo? info, out string? failure);
            cpuinfoMhz = read ? info!.CurrentMhz : null;
            sources[SourceNames.CpuInfoFrequency] = failure ?? (cpuinfoMhz is null ? $"{_cpuInfo}: no 'cpu MHz' lines" : HardwareSnapshot.Ok);
        }

        var cores = new List<CpuCore>(ids.Count);
        double frequencySum = 0;
        int frequencyCount = 0;
        int cpuinfoCount = 0;
        string? frequencyFailure = null;
        foreach (int id in ids)
        {
            CoreTimes? now = Find(stat, id);
            bool isOnline = online is not null ? online.Contains(id) : now is not null;
            CoreTimes? before = Find(baseline, id);
            double? usage = isOnline && now is not null && before is not null ? CpuUsage.Percent(before.Value.Times, now.Value.Times) : null;

            double? mhz = null;
            if (isOnline && facts.CurrentFrequencyPaths.TryGetValue(id, out string? path))
            {
                if (files.TryReadInt64(path, out long khz, out string? failure) && CpuFrequency.PlausibleKhz(khz))
                {
                    mhz = khz / 1000.0;
                    frequencySum += mhz.Value;
                    frequencyCount++;
                }
                else
                {
                    frequencyFailure ??= failure ?? CpuFrequency.ImplausibleKhz(path, khz);
                }
            }
            else if (isOnline && cpuinfoMhz is not null && cpuinfoMhz.TryGetValue(id, out double current))
            {
                mhz = current;
                frequencySum += current;
                cpuinfoCount++;
            }

            facts.MaxFrequencyMhz.TryGetValue(id, out double? max);
            cores.Add(new CpuCore(id, isOnline, usage, mhz, max));
        }

        sources[SourceNames.CpuFrequency] = frequencyCount > 0 ? HardwareSnapshot.Ok : frequencyFailure ?? "no cpufreq (scaling_cur_freq) for any online CPU";
        int withFrequency = frequencyCount + cpuinfoCount;
        return new CpuReading(total, withFrequency > 0 ? frequencySum / withFrequency : null, cores, stat);
    }

    private static CoreTimes? Find(CpuCounters? stat, int id)
    {
        if (stat is null)
        {
            return null;
        }

        foreach (CoreTimes core in stat.Cores)
        {
            if (core.Id == id)
            {
                return core;
            }
        }

        return null;
    }
}
