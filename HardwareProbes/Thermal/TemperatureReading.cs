namespace HardwareProbes.Thermal;

/// <summary>One temperature sensor: a thermal zone or an hwmon input.</summary>
/// <param name="Name">The zone type (<c>cpu-thermal</c>) or hwmon chip name and label (<c>coretemp Package id 0</c>).</param>
/// <param name="Source">Where it was read: <c>thermal_zone0</c> or <c>hwmon2/temp1</c>.</param>
/// <param name="Celsius">Degrees Celsius; null when the sensor could not be read or reports a sentinel.</param>
/// <param name="Failure">Why <paramref name="Celsius"/> is null; null when it is not.</param>
public sealed record TemperatureReading(string Name, string Source, double? Celsius, string? Failure)
{
    /// <summary>Gets the sensor's key, unique within a snapshot: <see cref="Name"/>, or <c>name_2</c>, … when two sensors share a name.</summary>
    public string Key { get; init; } = Name;

    /// <summary>
    /// Gets the other name of the same sensor, when the kernel shows it twice: a thermal zone's hwmon mirror
    /// (<c>cpu_thermal temp1</c> for the zone <c>cpu-thermal</c>), which is then not listed on its own; null otherwise.
    /// </summary>
    public string? Alias { get; init; }
}
