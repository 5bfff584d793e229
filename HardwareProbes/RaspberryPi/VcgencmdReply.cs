using System.Globalization;

namespace HardwareProbes.RaspberryPi;

/// <summary>Parsers for the <c>key=value</c> replies of vcgencmd.</summary>
public static class VcgencmdReply
{
    /// <summary>Parses <c>temp=48.3'C</c> to degrees Celsius.</summary>
    /// <param name="text">The reply.</param>
    /// <returns>Degrees Celsius.</returns>
    /// <exception cref="FormatException">An error reply or another shape; the message carries the reply.</exception>
    public static double ParseTemperature(ReadOnlySpan<char> text)
        => InRange(Number(Value(text, "temp"), "'C", text), Thermal.Millidegrees.MinimumCelsius, Thermal.Millidegrees.MaximumCelsius, "°C", text);

    /// <summary>Parses <c>volt=1.2000V</c> to volts.</summary>
    /// <param name="text">The reply.</param>
    /// <returns>Volts.</returns>
    /// <exception cref="FormatException">An error reply or another shape.</exception>
    public static double ParseVolts(ReadOnlySpan<char> text)
        => InRange(Number(Value(text, "volt"), "V", text), 0, MaxVolts, "V", text);

    /// <summary>The highest voltage accepted, in volts: every rail vcgencmd measures is below the 5 V supply.</summary>
    public const double MaxVolts = 6;

    /// <summary>The highest clock accepted, in hertz (10 GHz).</summary>
    public const long MaxClockHz = 10_000_000_000;

    /// <summary>The largest memory split accepted, in bytes (1 TiB).</summary>
    public const long MaxMemoryBytes = 1L << 40;

    /// <summary>Parses <c>frequency(48)=1400000000</c> (the id in parentheses varies by firmware) to hertz.</summary>
    /// <param name="text">The reply; an <c>arm:\t</c> label in front, as <c>measure_clock</c> loops print, is allowed.</param>
    /// <returns>Hertz.</returns>
    /// <exception cref="FormatException">An error reply or another shape.</exception>
    public static long ParseClock(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> line = FirstLine(text);
        int start = line.IndexOf("frequency(");
        int equals = line.IndexOf('=');
        if (start < 0 || equals < start)
        {
            throw Unexpected(text);
        }

        return long.TryParse(line[(equals + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long hz)
            ? (long)InRange(hz, 0, MaxClockHz, "Hz", text)
            : throw Unexpected(text);
    }

    /// <summary>Parses a memory split reply, <c>gpu=76M</c>, to bytes.</summary>
    /// <param name="text">The reply.</param>
    /// <returns>Bytes.</returns>
    /// <exception cref="FormatException">An error reply or another shape.</exception>
    public static long ParseMemory(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> value = Value(text, null);
        long multiplier = value.EndsWith("M") ? 1024 * 1024 : value.EndsWith("G") ? 1024L * 1024 * 1024 : value.EndsWith("K") ? 1024 : 0;
        if (multiplier == 0 || !long.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out long amount))
        {
            throw Unexpected(text);
        }

        return amount <= MaxMemoryBytes / multiplier ? amount * multiplier : throw OutOfRange(text, $"over {MaxMemoryBytes} bytes");
    }

    /// <summary>Parses a <c>get_config</c> integer, <c>arm_freq=900</c> (0 means "not set, firmware default").</summary>
    /// <param name="text">The reply.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">An error reply or another shape.</exception>
    public static long ParseConfigInteger(ReadOnlySpan<char> text)
        => long.TryParse(Value(text, null), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) ? value : throw Unexpected(text);

    /// <summary>Tells whether a reply is an error (<c>error=2 error_msg="invalid arguments"</c>) and returns its message.</summary>
    /// <param name="text">The reply.</param>
    /// <param name="message">The error message, or null.</param>
    /// <returns>True for an error reply.</returns>
    public static bool IsError(ReadOnlySpan<char> text, out string? message)
    {
        ReadOnlySpan<char> line = FirstLine(text);
        if (!line.StartsWith("error="))
        {
            message = null;
            return false;
        }

        int at = line.IndexOf("error_msg=\"");
        message = at < 0 ? line.ToString() : line[(at + "error_msg=\"".Length)..].TrimEnd('"').ToString();
        return true;
    }

    private static ReadOnlySpan<char> Value(ReadOnlySpan<char> text, string? key)
    {
        ReadOnlySpan<char> line = FirstLine(text);
        int equals = line.IndexOf('=');
        if (equals <= 0 || line.StartsWith("error=") || (key is not null && !line[..equals].SequenceEqual(key)))
        {
            throw Unexpected(text);
        }

        return line[(equals + 1)..].Trim();
    }

    private static double Number(ReadOnlySpan<char> value, string unit, ReadOnlySpan<char> text)
        => value.EndsWith(unit) && double.TryParse(value[..^unit.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
            ? number
            : throw Unexpected(text);

    /// <summary>A value outside its physical range (NaN included) is an error, never a reading.</summary>
    private static double InRange(double value, double min, double max, string unit, ReadOnlySpan<char> text)
        => value >= min && value <= max
            ? value
            : throw OutOfRange(text, string.Create(CultureInfo.InvariantCulture, $"outside {min} to {max} {unit}"));

    private static FormatException OutOfRange(ReadOnlySpan<char> text, string why)
        => new($"reply \"{FirstLine(text)}\" is {why}");

    private static ReadOnlySpan<char> FirstLine(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> trimmed = text.Trim();
        int end = trimmed.IndexOfAny('\n', '\r');
        return (end < 0 ? trimmed : trimmed[..end]).Trim();
    }

    private static FormatException Unexpected(ReadOnlySpan<char> text)
        => IsError(text, out string? message)
            ? new FormatException($"vcgencmd error: {message}")
            : new FormatException($"unexpected reply \"{FirstLine(text)}\"");
}
