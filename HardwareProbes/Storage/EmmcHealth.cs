using System.Globalization;

namespace HardwareProbes.Storage;

/// <summary>
/// The wear figures an eMMC device reports in its extended CSD, as the kernel's mmc driver exposes them
/// (<c>/sys/block/mmcblkN/device/life_time</c> and <c>pre_eol_info</c>). SD cards have no such registers: they
/// report nothing, and no wear figure exists for them.
/// </summary>
/// <param name="Device">The block device (<c>mmcblk0</c>).</param>
/// <param name="LifeTimeA">DEVICE_LIFE_TIME_EST_TYP_A (SLC or the first memory type): 1 means 0–10 % of the rated life used, …, 10 means 90–100 %, 11 exceeded; null when undefined (0) or unreadable.</param>
/// <param name="LifeTimeB">DEVICE_LIFE_TIME_EST_TYP_B (MLC or the second memory type), the same scale.</param>
/// <param name="PreEol">PRE_EOL_INFO: 1 normal, 2 warning (80 % of the reserved blocks used), 3 urgent; null when undefined or unreadable.</param>
/// <param name="Failure">Why a figure is missing, else null.</param>
public sealed record EmmcHealth(string Device, int? LifeTimeA, int? LifeTimeB, int? PreEol, string? Failure)
{
    /// <summary>The JEDEC meaning of a life-time estimate: <c>0–10 %</c> … <c>90–100 %</c>, <c>exceeded</c>.</summary>
    /// <param name="estimate">1 to 11.</param>
    /// <returns>The used share of the rated life, in words; null for an undefined value.</returns>
    public static string? DescribeLifeTime(int? estimate) => estimate switch
    {
        >= 1 and <= 10 => string.Create(CultureInfo.InvariantCulture, $"{(estimate - 1) * 10}–{estimate * 10} % used"),
        11 => "rated life exceeded",
        _ => null,
    };

    /// <summary>The JEDEC meaning of PRE_EOL_INFO.</summary>
    /// <param name="preEol">1 to 3.</param>
    /// <returns><c>normal</c>, <c>warning</c>, <c>urgent</c>, or null for an undefined value.</returns>
    public static string? DescribePreEol(int? preEol) => preEol switch
    {
        1 => "normal",
        2 => "warning",
        3 => "urgent",
        _ => null,
    };

    /// <summary>Parses <c>life_time</c>: two hexadecimal bytes, <c>0x01 0x02</c>.</summary>
    /// <exception cref="FormatException">Not two hexadecimal bytes, or a value outside 0–11.</exception>
    public static (int? A, int? B) ParseLifeTime(ReadOnlySpan<char> text)
    {
        var fields = IO.TextLines.Fields(text.Trim());
        ReadOnlySpan<char> line = text.Trim();
        int a = Hex(fields.Next(1, line, "type A estimate"), 11, line);
        int b = Hex(fields.Next(1, line, "type B estimate"), 11, line);
        return (a == 0 ? null : a, b == 0 ? null : b);
    }

    /// <summary>Parses <c>pre_eol_info</c>: one hexadecimal byte, <c>0x01</c>.</summary>
    /// <exception cref="FormatException">Not a hexadecimal byte, or a value outside 0–3.</exception>
    public static int? ParsePreEol(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> line = text.Trim();
        int value = Hex(line, 3, line);
        return value == 0 ? null : value;
    }

    private static int Hex(ReadOnlySpan<char> field, int max, ReadOnlySpan<char> line)
    {
        ReadOnlySpan<char> digits = field.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? field[2..] : field;
        return int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int value) && value >= 0 && value <= max && digits.Length <= 2
            ? value
            : throw IO.TextLines.Malformed(1, line, $"'{field}' is not a value from 0x00 to 0x{max:x2}");
    }
}
