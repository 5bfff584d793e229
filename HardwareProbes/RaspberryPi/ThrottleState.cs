using System.Globalization;
using System.Text;

namespace HardwareProbes.RaspberryPi;

/// <summary>A decoded <c>get_throttled</c> mask.</summary>
/// <param name="Raw">The mask as the firmware reported it; bits outside the eight documented ones are kept here.</param>
public sealed record ThrottleState(uint Raw)
{
    /// <summary>Gets the documented bits that are set.</summary>
    public ThrottleConditions Conditions => (ThrottleConditions)(Raw & 0x000F000F);

    /// <summary>Gets a value indicating whether the supply is under-voltage now (bit 0).</summary>
    public bool UnderVoltage => (Conditions & ThrottleConditions.UnderVoltage) != 0;

    /// <summary>Gets a value indicating whether the Arm frequency is capped now (bit 1).</summary>
    public bool ArmFrequencyCapped => (Conditions & ThrottleConditions.ArmFrequencyCapped) != 0;

    /// <summary>Gets a value indicating whether the firmware is throttling now (bit 2).</summary>
    public bool Throttled => (Conditions & ThrottleConditions.Throttled) != 0;

    /// <summary>Gets a value indicating whether the soft temperature limit is active now (bit 3).</summary>
    public bool SoftTemperatureLimit => (Conditions & ThrottleConditions.SoftTemperatureLimit) != 0;

    /// <summary>Gets a value indicating whether under-voltage has occurred since boot (bit 16).</summary>
    public bool UnderVoltageOccurred => (Conditions & ThrottleConditions.UnderVoltageOccurred) != 0;

    /// <summary>Gets a value indicating whether Arm frequency capping has occurred since boot (bit 17).</summary>
    public bool ArmFrequencyCappedOccurred => (Conditions & ThrottleConditions.ArmFrequencyCappedOccurred) != 0;

    /// <summary>Gets a value indicating whether throttling has occurred since boot (bit 18).</summary>
    public bool ThrottledOccurred => (Conditions & ThrottleConditions.ThrottledOccurred) != 0;

    /// <summary>Gets a value indicating whether the soft temperature limit has been reached since boot (bit 19).</summary>
    public bool SoftTemperatureLimitOccurred => (Conditions & ThrottleConditions.SoftTemperatureLimitOccurred) != 0;

    /// <summary>Parses the hexadecimal mask in any of its printed forms: <c>throttled=0x50005</c> (vcgencmd), <c>50005</c> (sysfs), <c>0x00050005</c> (kernel log).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The decoded state.</returns>
    /// <exception cref="FormatException">The text is not a hexadecimal mask.</exception>
    public static ThrottleState Parse(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> value = text.Trim();
        if (value.StartsWith("throttled="))
        {
            value = value["throttled=".Length..];
        }

        if (value.StartsWith("0x") || value.StartsWith("0X"))
        {
            value = value[2..];
        }

        return uint.TryParse(value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint raw)
            ? new ThrottleState(raw)
            : throw new FormatException($"'{text.Trim()}' is not a get_throttled mask");
    }

    /// <summary>Prints the mask in hexadecimal, as the firmware does (<c>0x50005</c>), and the conditions set.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Raw = 0x").Append(Raw.ToString("x", CultureInfo.InvariantCulture));
        builder.Append(", Conditions = ").Append(Conditions.ToString());
        return true;
    }
}
