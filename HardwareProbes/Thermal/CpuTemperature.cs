namespace HardwareProbes.Thermal;

/// <summary>Chooses the reading that stands for "the CPU temperature" among all sensors.</summary>
public static class CpuTemperature
{
    // Zone types and hwmon names that measure the CPU, most specific first:
    // Raspberry Pi (cpu-thermal, bcm2835_thermal), Jetson (CPU-therm, cpu-thermal, cpu), PCs (x86_pkg_temp, coretemp, k10temp).
    private static readonly string[] Preferred =
    [
        "cpu-thermal", "cpu_thermal", "bcm2835_thermal", "CPU-therm", "cpu", "x86_pkg_temp",
        "coretemp Package id 0", "k10temp Tctl", "k10temp Tdie", "soc_thermal", "soc-thermal",
    ];

    /// <summary>Picks the CPU's temperature: the first readable sensor whose name is a known CPU sensor, else the first readable thermal zone.</summary>
    /// <param name="readings">All readings, thermal zones first.</param>
    /// <returns>Degrees Celsius, or null when no sensor could be read.</returns>
    public static double? Pick(IReadOnlyList<TemperatureReading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        foreach (string name in Preferred)
        {
            foreach (TemperatureReading reading in readings)
            {
                if (reading.Celsius is not null && string.Equals(reading.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return reading.Celsius;
                }
            }
        }

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
