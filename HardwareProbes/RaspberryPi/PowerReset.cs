using System.Buffers.Binary;

namespace HardwareProbes.RaspberryPi;

/// <summary>
/// Why the Raspberry Pi 5's PMIC last cut the power, from the bootloader's <c>/proc/device-tree/chosen/power/power_reset</c>
/// (a 32-bit big-endian cell): bit 0 over-voltage, bit 1 under-voltage, bit 2 over-temperature, bit 3 the ENABLE
/// signal, bit 4 the PMIC's watchdog. 0 is an ordinary power-on or reboot. The bootloader clears the PMIC's fault
/// events at power-on, so this cell is the one place the cause survives.
/// </summary>
/// <param name="Value">The cell's value.</param>
public sealed record PowerReset(uint Value)
{
    private static readonly string[] Bits = ["over-voltage", "under-voltage", "over-temperature", "the ENABLE signal", "the PMIC watchdog"];

    /// <summary>Gets the causes the set bits name (an unknown bit as <c>bit N</c>); empty for 0.</summary>
    public IReadOnlyList<string> Causes
    {
        get
        {
            var causes = new List<string>();
            for (int bit = 0; bit < 32; bit++)
            {
                if ((Value & (1u << bit)) != 0)
                {
                    causes.Add(bit < Bits.Length ? Bits[bit] : $"bit {bit}");
                }
            }

            return causes;
        }
    }

    /// <summary>Gets the cause in words: <c>a PMIC reset for under-voltage (power_reset 0x2)</c>, or an ordinary start for 0.</summary>
    public string Description => Value == 0
        ? "an ordinary power-on or reboot (power_reset 0x0)"
        : $"a PMIC reset for {string.Join(" and ", Causes)} (power_reset 0x{Value:x})";

    /// <summary>Decodes the device-tree property's bytes: one big-endian 32-bit cell (a single byte is taken as is).</summary>
    /// <param name="bytes">The property file's contents.</param>
    /// <returns>The decoded cause.</returns>
    /// <exception cref="FormatException">Neither 1 nor 4 bytes.</exception>
    public static PowerReset Parse(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        4 => new PowerReset(BinaryPrimitives.ReadUInt32BigEndian(bytes)),
        1 => new PowerReset(bytes[0]),
        _ => throw new FormatException($"{bytes.Length} bytes, not one 32-bit cell"),
    };

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        Printing.Member(builder, nameof(Value), Value, first: true);
        Printing.List(builder, nameof(Causes), Causes);
        return true;
    }
}
