namespace HardwareProbes.Thermal;

/// <summary>Conversion of sysfs temperatures (millidegrees Celsius) with the sentinels drivers use for "no reading".</summary>
internal static class Millidegrees
{
    /// <summary>The lowest plausible reading, °C: below it a value is a sentinel (-256 °C from a power-gated Jetson sensor, -273.15 °C).</summary>
    public const double MinimumCelsius = -200;

    /// <summary>The highest plausible reading, °C: above it a value is a sentinel (65261.85 °C from an unconnected hwmon input).</summary>
    public const double MaximumCelsius = 250;

    /// <summary>Converts millidegrees to degrees, or tells why the value is not a temperature.</summary>
    /// <param name="millidegrees">The raw value.</param>
    /// <param name="failure">Why the value was rejected; null when it was accepted.</param>
    /// <returns>Degrees Celsius, or null for a sentinel.</returns>
    public static double? ToCelsius(long millidegrees, out string? failure)
    {
        double celsius = millidegrees / 1000.0;
        if (celsius is < MinimumCelsius or > MaximumCelsius)
        {
            failure = $"reports {celsius:0.###} °C, a no-reading sentinel (plausible range {MinimumCelsius} to {MaximumCelsius} °C)";
            return null;
        }

        failure = null;
        return celsius;
    }
}
