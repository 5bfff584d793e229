namespace HardwareProbes.Thermal;

/// <summary>Chooses the reading that stands for "the CPU temperature" among all sensors.</summary>
internal static class CpuTemperature
{
    // Zone types and hwmon names that measure the CPU, most specific first:
    // Raspberry Pi (cpu-thermal, bcm2835_thermal), Jetson (CPU-therm, cpu-thermal, cpu), PCs (x86_pkg_temp, coretemp, k10temp).
    private static readonly string[] Preferred =
    [
        "cpu-thermal", "cpu_thermal", "bcm2835_thermal", "CPU-therm", "cpu", "x86_pkg_temp",
        "coretemp Package id 0", "k10temp Tctl", "k10temp Tdie", "soc_thermal", "soc-thermal",
    ];

    /// <summary>
    /// Picks the CPU's temperature: the first readable sensor whose name is a known CPU sensor. When a CPU sensor
    /// exists but none can be read, the answer is null, not another sensor's value under the CPU's name. Only a
    /// machine with no known CPU sensor falls back to its first readable thermal zone (as piStat reads zone 0).
    /// </summary>
    /// <param name="readings">All readings, thermal zones first.</param>
    /// <returns>Degrees Celsius, or null.</returns>
    public static double? Pick(IReadOnlyList<TemperatureReading> readings) => Pick(readings, out _);

    /// <summary>Picks the CPU's temperature as <see cref="Pick(IReadOnlyList{TemperatureReading})"/> does, and says why there is none.</summary>
    /// <param name="readings">All readings, thermal zones first.</param>
    /// <param name="failure">
    /// When a known CPU sensor exists but none could be read: the first one's failure (a sensor that should answer and
    /// does not). Null when there is a temperature, and when the machine has no CPU sensor at all.
    /// </param>
    /// <returns>Degrees Celsius, or null.</returns>
    public static double? Pick(IReadOnlyList<TemperatureReading> readings, out string? failure)
    {
        ArgumentNullException.ThrowIfNull(readings);
        failure = null;
        bool cpuSensorExists = false;
        foreach (string name in Preferred)
        {
            foreach (TemperatureReading reading in readings)
            {
                if (string.Equals(reading.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    if (reading.Celsius is not null)
                    {
                        return reading.Celsius;
                    }

                    cpuSensorExists = true;
                    failure ??= $"{reading.Name} ({reading.Source}): {reading.Failure ?? "no reading"}";
                }
            }
        }

        if (cpuSensorExists)
        {
            return null;
        }

        failure = null;

        foreach (TemperatureReading reading in readings)
        {
            if (reading.Celsius is not null && reading.Source.StartsWith("thermal_zone", StringComparison.Ordinal))
            {
                return reading.Celsius;
            }
        }

        return null;
    }
}
