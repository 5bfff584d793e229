using HardwareProbes.Cpu;
using HardwareProbes.Jetson;
using HardwareProbes.Snapshots;
using HardwareProbes.Thermal;
using MonitorWorker.Errors;
using MonitorWorker.Json;
using MonitorWorker.Stats;

namespace MonitorWorker.Api;

/// <summary>
/// Turns a snapshot into the Tegrastats API's shapes, on every board. CPU and memory come from procfs/sysfs (the same
/// readings as <c>/stats</c>) and fall back to tegrastats where those are missing; temperatures come from tegrastats
/// when a Jetson has a sample (its sensor names, lower-cased, are what Tegrastats API clients look up) and from the
/// thermal zones and hwmon sensors otherwise; power holds tegrastats' rails only, which exist only on a Jetson.
/// </summary>
public static class ApiMapper
{
    private const long Mebibyte = 1024 * 1024;

    public static ApiStatusResponse Map(HardwareSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        TegrastatsSample? sample = snapshot.Jetson?.Sample;
        return new ApiStatusResponse(
            Cpu(snapshot.Cpu, sample),
            new ApiGpu(Round(snapshot.Jetson?.GpuLoadPercent), Round(snapshot.Jetson?.GpuFrequencyMhz)),
            Memory(snapshot, sample),
            Temperature(snapshot.Temperatures, sample),
            Power(sample),
            Timestamps.Format(snapshot.Timestamp));
    }

    private static ApiCpu Cpu(CpuReading cpu, TegrastatsSample? sample)
    {
        if (cpu.Cores.Count == 0 && sample is not null)
        {
            return new ApiCpu([.. sample.Cores.Select(c => new ApiCore(c.Id, c.Online ? c.LoadPercent : null, c.Online ? c.FrequencyMhz : null))]);
        }

        var cores = new ApiCore[cpu.Cores.Count];
        for (int i = 0; i < cores.Length; i++)
        {
            CpuCore core = cpu.Cores[i];
            int? frequency = core.Online ? Round(core.FrequencyMhz) ?? TegrastatsFrequency(sample, core.Id) : null;
            cores[i] = new ApiCore(core.Id, core.Online ? Round(core.UsagePercent) : null, frequency);
        }

        return new ApiCpu(cores);
    }

    private static int? TegrastatsFrequency(TegrastatsSample? sample, int id)
        => sample?.Cores.FirstOrDefault(c => c.Id == id && c.Online)?.FrequencyMhz;

    private static ApiMemory Memory(HardwareSnapshot snapshot, TegrastatsSample? sample)
    {
        ApiRam? ram = snapshot.Memory is { } m ? new ApiRam(m.UsedBytes / Mebibyte, m.TotalBytes / Mebibyte, "MB")
            : sample?.Ram is { } r ? new ApiRam(r.UsedKilobytes / 1024, r.TotalKilobytes / 1024, "MB")
            : null;
        ApiSwap? swap = snapshot.Swap is { } s ? new ApiSwap(s.UsedBytes / Mebibyte, s.TotalBytes / Mebibyte, "MB", s.CachedBytes / Mebibyte)
            : sample?.Swap is { } t ? new ApiSwap(t.UsedKilobytes / 1024, t.TotalKilobytes / 1024, "MB", t.CachedKilobytes / 1024)
            : null;
        return new ApiMemory(ram, swap);
    }

    private static Dictionary<string, double?> Temperature(IReadOnlyList<TemperatureReading> readings, TegrastatsSample? sample)
    {
        if (sample is not { Temperatures.Count: > 0 })
        {
            return StatsMapper.Temperatures(readings);
        }

        var map = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (TegraTemperature t in sample.Temperatures)
        {
            map[UniqueKeys.For(map, t.Name.ToLowerInvariant())] = t.Celsius;
        }

        return map;
    }

    private static Dictionary<string, ApiRail> Power(TegrastatsSample? sample)
    {
        var map = new Dictionary<string, ApiRail>(StringComparer.Ordinal);
        foreach (TegraRail rail in sample?.Rails ?? [])
        {
            map[UniqueKeys.For(map, rail.Name)] = new ApiRail(rail.CurrentMilliwatts, rail.AverageMilliwatts, "mW");
        }

        return map;
    }

    private static int? Round(double? value) => value is { } v ? (int)Math.Round(v, MidpointRounding.AwayFromZero) : null;
}
