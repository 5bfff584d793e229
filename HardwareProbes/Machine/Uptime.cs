using HardwareProbes.IO;

namespace HardwareProbes.Machine;

/// <summary>Parser for <c>/proc/uptime</c>.</summary>
public static class Uptime
{
    /// <summary>Parses <c>/proc/uptime</c> (<c>12345.67 23456.78</c>) to the seconds since boot (the first number).</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>Seconds since boot.</returns>
    /// <exception cref="FormatException">The first field is missing or not a non-negative number.</exception>
    public static double ParseSeconds(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> line = LoadAverage.FirstLine(text);
        var fields = TextLines.Fields(line);
        double seconds = TextLines.ParseDouble(fields.Next(1, line, "uptime"), 1, line);
        return seconds >= 0 ? seconds : throw TextLines.Malformed(1, line, "negative uptime");
    }
}
