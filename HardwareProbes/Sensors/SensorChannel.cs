namespace HardwareProbes.Sensors;

/// <summary>
/// One sensor channel found at discovery, with everything needed to turn its file into a value:
/// value = (number read + <paramref name="Offset"/>) × <paramref name="Scale"/>, and for a derived power that times the
/// second file's number × <paramref name="SecondScale"/>.
/// </summary>
/// <param name="Chip">The device's driver name.</param>
/// <param name="Label">The channel's name.</param>
/// <param name="Quantity">What it measures.</param>
/// <param name="Source">Its short id: <c>hwmon3/humidity1</c>, <c>iio_device0/in_temp_input</c>.</param>
/// <param name="Path">The file read every sample.</param>
/// <param name="Scale">From the file's number to the quantity's unit (0.001 for millivolts to volts).</param>
/// <param name="Offset">Added to a raw IIO number before scaling; 0 elsewhere.</param>
/// <param name="Decimal">Whether the file holds a decimal (IIO) rather than an integer (hwmon).</param>
/// <param name="SecondPath">For a derived power, the current file multiplied with <paramref name="Path"/>'s volts.</param>
/// <param name="SecondScale">From <paramref name="SecondPath"/>'s number to amperes.</param>
internal sealed record SensorChannel(
    string Chip,
    string Label,
    SensorQuantity Quantity,
    string Source,
    string Path,
    double Scale,
    double Offset = 0,
    bool Decimal = false,
    string? SecondPath = null,
    double SecondScale = 1)
{
    /// <summary>Gets <c>chip label</c>, built once: the reading's key unless another channel has it.</summary>
    public string Name { get; } = $"{Chip} {Label}";

    /// <summary>Gets the file read, or for a derived power both files joined by <c> × </c>, built once.</summary>
    public string ReadFrom => _readFrom ??= SecondPath is null ? Path : $"{Path} × {SecondPath}";

    private string? _readFrom;
}
