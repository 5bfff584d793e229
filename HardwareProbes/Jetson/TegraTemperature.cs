namespace HardwareProbes.Jetson;

/// <summary>A temperature: <c>cpu@53.968C</c>, <c>CV0@-256C</c> (sensor off) or <c>cpu@52.968C/52.968C</c> (JetPack 7.2).</summary>
/// <param name="Name">The zone name as printed (case varies across releases).</param>
/// <param name="Celsius">Degrees Celsius; null for -256, which tegrastats prints for a powered-off sensor.</param>
/// <param name="SecondCelsius">The second value of the JetPack 7.2 <c>x/y</c> form, or null.</param>
public sealed record TegraTemperature(string Name, double? Celsius, double? SecondCelsius)
{
    /// <summary>Gets the sensor's key, unique within its line whatever the case: <see cref="Name"/>, or <c>name_2</c>, … for a repeated name.</summary>
    public string Key { get; init; } = Name;
}
