using HardwareProbes.IO;

namespace HardwareProbes.Host;

/// <summary>The run-queue load averages of <c>/proc/loadavg</c>.</summary>
/// <param name="OneMinute">Over 1 minute.</param>
/// <param name="FiveMinutes">Over 5 minutes.</param>
/// <param name="FifteenMinutes">Over 15 minutes.</param>
public sealed record LoadAverage(double OneMinute, double FiveMinutes, double FifteenMinutes)
{
    /// <summary>Parses <c>/proc/loadavg</c> (<c>0.02 0.04 0.05 1/497 1234</c>).</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The three averages.</returns>
    /// <exception cref="FormatException">Fewer than three numbers.</exception>
    public static LoadAverage Parse(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> line = FirstLine(text);
        var fields = TextLines.Fields(line);
        double one = TextLines.ParseDouble(fields.Next(1, line, "1-minute average"), 1, line);
        double five = TextLines.ParseDouble(fields.Next(1, line, "5-minute average"), 1, line);
        double fifteen = TextLines.ParseDouble(fields.Next(1, line, "15-minute average"), 1, line);
        return new LoadAverage(one, five, fifteen);
    }

    internal static ReadOnlySpan<char> FirstLine(ReadOnlySpan<char> text)
    {
        int end = text.IndexOfAny('\n', '\r');
        return end < 0 ? text : text[..end];
    }
}
