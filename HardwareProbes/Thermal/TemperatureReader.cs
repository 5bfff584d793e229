using HardwareProbes.IO;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Thermal;

/// <summary>Reads every temperature sensor the static facts found (thermal zones and hwmon), and picks the CPU's.</summary>
internal static class TemperatureReader
{
    /// <summary>Reads each sensor's millidegree file; a failed or impossible one is null with its reason.</summary>
    public static List<TemperatureReading> Read(ProbeFiles files, IReadOnlyList<SensorFile> sensors, Dictionary<string, string> sources)
    {
        var readings = new List<TemperatureReading>(sensors.Count);
        UniqueNames? keys = null;
        foreach (SensorFile sensor in sensors)
        {
            double? celsius = null;
            if (files.TryReadInt64(sensor.Path, out long millidegrees, out string? failure))
            {
                celsius = Millidegrees.ToCelsius(millidegrees, out failure);
                failure = failure is null ? null : $"{sensor.Path}: {failure}";
            }

            if (failure is not null)
            {
                sources[SourceNames.Temperature(sensor.Source)] = failure;
            }

            readings.Add(new TemperatureReading(sensor.Name, sensor.Source, celsius, failure) { Key = UniqueNames.For(ref keys, StringComparer.Ordinal, sensor.Name, readings, static r => r.Key), Alias = sensor.Alias });
        }

        return readings;
    }

    /// <summary>The CPU's temperature, and its status: the chosen sensor's failure when a CPU sensor exists but gave nothing.</summary>
    public static double? PickCpu(IReadOnlyList<TemperatureReading> temperatures, Dictionary<string, string> sources)
    {
        double? celsius = CpuTemperature.Pick(temperatures, out string? failure);
        if (celsius is not null)
        {
            sources[SourceNames.CpuTemperature] = HardwareSnapshot.Ok;
        }
        else if (failure is not null)
        {
            sources[SourceNames.CpuTemperature] = failure;
        }

        return celsius;
    }
}
