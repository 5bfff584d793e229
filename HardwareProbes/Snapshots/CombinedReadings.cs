using HardwareProbes.Cpu;
using HardwareProbes.Identity;
using HardwareProbes.Jetson;
using HardwareProbes.Memory;
using HardwareProbes.Thermal;

namespace HardwareProbes.Snapshots;

/// <summary>
/// Readings that combine sources, decided once here for every consumer: which sensor is the GPU's, and where tegrastats
/// fills in for procfs and sysfs. None allocates when the kernel's figures are complete.
/// </summary>
internal static class CombinedReadings
{
    private const string GpuSensor = "gpu";

    /// <summary>The Pi's GPU shares the SoC sensor; a Jetson has its own GPU zone (named per release), else tegrastats' <c>gpu</c>; elsewhere there is none.</summary>
    public static double? GpuTemperature(BoardKind board, double? cpuTemperature, IReadOnlyList<TemperatureReading> temperatures, TegrastatsSample? sample) => board switch
    {
        BoardKind.RaspberryPi => cpuTemperature,
        BoardKind.Jetson => GpuZone(temperatures) ?? GpuSensorOf(sample),
        _ => null,
    };

    /// <summary>The kernel's cores; tegrastats' clock for an online core cpufreq gave none; tegrastats' cores when procfs gave none.</summary>
    public static IReadOnlyList<CpuCore> Cores(CpuReading cpu, TegrastatsSample? sample)
    {
        if (sample is null)
        {
            return cpu.Cores;
        }

        if (cpu.Cores.Count == 0)
        {
            var fromTegrastats = new CpuCore[sample.Cores.Count];
            for (int i = 0; i < fromTegrastats.Length; i++)
            {
                TegraCore c = sample.Cores[i];
                fromTegrastats[i] = new CpuCore(c.Id, c.Online, c.LoadPercent, c.FrequencyMhz, null);
            }

            return fromTegrastats;
        }

        CpuCore[]? filled = null;
        for (int i = 0; i < cpu.Cores.Count; i++)
        {
            CpuCore core = cpu.Cores[i];
            if (core is { Online: true, FrequencyMhz: null } && OnlineFrequency(sample, core.Id) is int mhz)
            {
                filled ??= [.. cpu.Cores];
                filled[i] = core with { FrequencyMhz = mhz };
            }
        }

        return filled ?? cpu.Cores;
    }

    public static MemoryUse? Ram(MemoryReading? memory, TegrastatsSample? sample)
        => memory is { } m ? new MemoryUse(m.UsedBytes, m.TotalBytes, null, SourceNames.Memory)
            : sample?.Ram is { } r ? new MemoryUse(r.UsedKilobytes * 1024, r.TotalKilobytes * 1024, null, SourceNames.Tegrastats)
            : null;

    public static MemoryUse? Swap(SwapReading? swap, TegrastatsSample? sample)
        => swap is { } s ? new MemoryUse(s.UsedBytes, s.TotalBytes, s.CachedBytes, SourceNames.Memory)
            : sample?.Swap is { } t ? new MemoryUse(t.UsedKilobytes * 1024, t.TotalKilobytes * 1024, t.CachedKilobytes * 1024, SourceNames.Tegrastats)
            : null;

    private static double? GpuZone(IReadOnlyList<TemperatureReading> temperatures)
    {
        foreach (TemperatureReading t in temperatures)
        {
            if (t.Name is "GPU-therm" or "gpu-thermal" or GpuSensor)
            {
                return t.Celsius;
            }
        }

        return null;
    }

    private static double? GpuSensorOf(TegrastatsSample? sample)
    {
        foreach (TegraTemperature t in sample?.Temperatures ?? [])
        {
            if (t.Name.Equals(GpuSensor, StringComparison.OrdinalIgnoreCase))
            {
                return t.Celsius;
            }
        }

        return null;
    }

    private static int? OnlineFrequency(TegrastatsSample sample, int id)
    {
        foreach (TegraCore c in sample.Cores)
        {
            if (c.Id == id && c.Online)
            {
                return c.FrequencyMhz;
            }
        }

        return null;
    }
}
