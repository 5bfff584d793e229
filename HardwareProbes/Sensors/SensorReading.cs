namespace HardwareProbes.Sensors;

/// <summary>
/// One sensor channel read through the kernel: an IIO channel (<c>in_temp_input</c> of a BME280) or an hwmon input
/// of a sensor chip (<c>humidity1_input</c> of an SHT3x, <c>curr1_input</c> of an INA219).
/// </summary>
/// <param name="Chip">The driver's name for the device (<c>bme280</c>, <c>sht3x</c>, <c>ina219</c>, <c>ina3221</c>).</param>
/// <param name="Label">The channel: its <c>_label</c> file, else a name from the file (<c>humidity</c>, <c>in1</c>, <c>curr2</c>).</param>
/// <param name="Quantity">What it measures.</param>
/// <param name="Value">The reading in <see cref="SensorUnits.Of"/>'s unit; null when unreadable or outside the quantity's range.</param>
/// <param name="Source">The file read (for a derived power, the voltage and current files joined by <c> × </c>).</param>
/// <param name="Failure">Why <paramref name="Value"/> is null; null when it is not.</param>
public sealed record SensorReading(string Chip, string Label, SensorQuantity Quantity, double? Value, string Source, string? Failure)
{
    /// <summary>Gets the sensor's key, unique among the snapshot's sensors of its quantity: <c>chip label</c>, or with <c>_2</c>, … when two chips share a name.</summary>
    public string Key { get; init; } = $"{Chip} {Label}";

    /// <summary>Gets the unit of <see cref="Value"/>.</summary>
    public string Unit => SensorUnits.Of(Quantity);

    /// <summary>Gets whether <see cref="Value"/> is computed rather than read: an INA3221 channel's power, bus volts × amperes.</summary>
    public bool Derived { get; init; }
}
