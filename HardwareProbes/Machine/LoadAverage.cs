using HardwareProbes.IO;

namespace HardwareProbes.Machine;

/// <summary>The run-queue load averages of <c>/proc/loadavg</c>.</summary>
/// <param name="OneMinute">Over 1 minute.</param>
/// <param name="FiveMinutes">Over 5 minutes.</param>
/// <param name="FifteenMinutes">Over 15 minutes.</param>
public sealed record LoadAverage(double OneMinute, double FiveMinutes, double FifteenMinutes)
{
    /// <summary>Parses <c>/proc/loadavg</c> (<c>0.02 0.04 0.05 1/497 1234</c>).</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The three averages.</returns>
    /// <exception cref="FormatException">Fewer than three numbers, or one outside 0 to <see cref="MaxLoad"/>.</exception>
    public static LoadAverage Parse(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> line = FirstLine(text);
        var fields = TextLines.Fields(line);
        double one = Load(ref fields, line, "1-minute average");
        double five = Load(ref fields, line, "5-minute average");
        double fifteen = Load(ref fields, line, "15-minute average");
        return new LoadAverage(one, five, fifteen);
    }

    /// <summary>A load average counts runnable tasks: never negative, and below the kernel's task limit (4 194 304).</summary>
    private static double Load(ref TextLines.FieldEnumerator fields, ReadOnlySpan<char> line, string what)
    {
        double value = TextLines.ParseDouble(fields.Next(1, line, what), 1, line);
        return value is >= 0 and <= MaxLoad ? value : throw TextLines.Malformed(1, line, $"{what} {value} is outside 0 to {MaxLoad}");
    }

    /// <summary>The largest load average accepted: PID_MAX_LIMIT, the most tasks a Linux kernel can have.</summary>
    public const double MaxLoad = 4_194_304;

    internal static ReadOnlySpan<char> FirstLine(ReadOnlySpan<char> text)
    {
        int end = text.IndexOfAny('\n', '\r');
        return end < 0 ? text : text[..end];
    }
}
