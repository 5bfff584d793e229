namespace HardwareProbes.RaspberryPi;

/// <summary>
/// One condition of the firmware's <c>get_throttled</c> mask: the one name it goes by everywhere (JSON fields, metric
/// labels, events, history series), its live bit and its sticky "since boot" bit.
/// </summary>
/// <param name="Name">The condition's name: <c>under_voltage</c>, <c>freq_capped</c>, <c>throttled</c> or <c>soft_temp_limit</c>.</param>
/// <param name="Now">The bit that says the condition holds now (bits 0–3).</param>
/// <param name="Occurred">The bit that says it has held since boot (bits 16–19).</param>
public sealed record ThrottleFlag(string Name, ThrottleConditions Now, ThrottleConditions Occurred)
{
    /// <summary>Gets the four conditions, in bit order.</summary>
    public static IReadOnlyList<ThrottleFlag> All { get; } =
    [
        new("under_voltage", ThrottleConditions.UnderVoltage, ThrottleConditions.UnderVoltageOccurred),
        new("freq_capped", ThrottleConditions.ArmFrequencyCapped, ThrottleConditions.ArmFrequencyCappedOccurred),
        new("throttled", ThrottleConditions.Throttled, ThrottleConditions.ThrottledOccurred),
        new("soft_temp_limit", ThrottleConditions.SoftTemperatureLimit, ThrottleConditions.SoftTemperatureLimitOccurred),
    ];
}
