using HardwareProbes.Cpu;
using HardwareProbes.Jetson;
using HardwareProbes.Snapshots;
using HardwareProbes.Thermal;
using MonitorWorker.Errors;
using MonitorWorker.Json;
using MonitorWorker.Service;
using MonitorWorker.Stats;

namespace MonitorWorker.TegrastatsApi;

/// <summary>
/// Turns a snapshot into the Tegrastats API's shapes, on every board. CPU and memory are the snapshot's combined
/// readings (procfs and sysfs, with tegrastats where those are missing); temperatures come from tegrastats
/// when a Jetson has a sample (its sensor names, lower-cased, are what Tegrastats API clients look up) and from the
/// thermal zones and hwmon sensors otherwise; power holds tegrastats' rails only, which exist only on a Jetson.
/// </summary>
public static class TegrastatsApiMapper
{
    private const long Mebibyte = 1024 * 1024;

    public static ApiStatusResponse Map(HardwareSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        TegrastatsSample? sample = snapshot.Jetson?.Sample;
        return new ApiStatusResponse(
            Cpu(snapshot.CombinedCores),
            new ApiGpu(Round(snapshot.Jetson?.GpuLoadPercent), Round(snapshot.Jetson?.GpuFrequencyMhz)),
            Memory(snapshot),
            Temperature(snapshot.Temperatures, sample),
            Power(sample),
            Timestamps.Format(snapshot.Timestamp));
    }

    private static ApiCpu Cpu(IReadOnlyList<CpuCore> combined)
    {
        var cores = new ApiCore[combined.Count];
        for (int i = 0; i < cores.Length; i++)
        {
            CpuCore core = combined[i];
            cores[i] = core.Online ? new ApiCore(core.Id, Round(core.UsagePercent), Round(core.FrequencyMhz)) : new ApiCore(core.Id, null, null);
        }

        return new ApiCpu(cores);
    }

    private static ApiMemory Memory(HardwareSnapshot snapshot)
    {
        ApiRam? ram = snapshot.CombinedRam is { } r ? new ApiRam(r.UsedBytes / Mebibyte, r.TotalBytes / Mebibyte, "MB") : null;
        ApiSwap? swap = snapshot.CombinedSwap is { } s ? new ApiSwap(s.UsedBytes / Mebibyte, s.TotalBytes / Mebibyte, "MB", s.CachedBytes / Mebibyte) : null;
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
            map[t.Key.ToLowerInvariant()] = t.Celsius;
        }

        return map;
    }

    private static Dictionary<string, ApiRail> Power(TegrastatsSample? sample)
    {
        var map = new Dictionary<string, ApiRail>(StringComparer.Ordinal);
        foreach (TegraRail rail in sample?.Rails ?? [])
        {
            map[rail.Key] = new ApiRail(rail.CurrentMilliwatts, rail.AverageMilliwatts, "mW");
        }

        return map;
    }

    private static int? Round(double? value) => value is { } v ? (int)Math.Round(v, MidpointRounding.AwayFromZero) : null;
}
