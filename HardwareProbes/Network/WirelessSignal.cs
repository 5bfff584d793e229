using HardwareProbes.IO;

namespace HardwareProbes.Network;

/// <summary>Parser for <c>/proc/net/wireless</c>: the signal level of each associated wireless interface.</summary>
public static class WirelessSignal
{
    /// <summary>The weakest level accepted, in dBm: the wireless-extensions encoding cannot express less than −256.</summary>
    public const int MinDbm = -256;

    /// <summary>Parses the signal level, in dBm, by interface; a header-only file (nothing associated) gives an empty map.</summary>
    /// <remarks>
    /// Levels carry a trailing <c>.</c> when updated since the last read. Drivers that report the level as an
    /// unsigned 8-bit value (a positive number) are converted with level − 256, the wireless-extensions encoding of dBm.
    /// </remarks>
    /// <param name="text">The file's text.</param>
    /// <returns>Signal level in dBm by interface name.</returns>
    /// <exception cref="FormatException">An interface line lacks the status, link or level field, or the level is not a number in range.</exception>
    public static IReadOnlyDictionary<string, int> Parse(ReadOnlySpan<char> text)
    {
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (ReadOnlySpan<char> line in text.EnumerateLines())
        {
            lineNumber++;
            int colon = line.IndexOf(':');
            if (colon < 0 || line.Contains('|'))
            {
                continue; // header lines
            }

            var fields = TextLines.Fields(line[(colon + 1)..]);
            fields.Next(lineNumber, line, "status");
            fields.Next(lineNumber, line, "link quality");
            ReadOnlySpan<char> level = fields.Next(lineNumber, line, "signal level").TrimEnd('.');
            long raw = TextLines.ParseInt64(level, lineNumber, line);
            long dbm = raw > 0 ? raw - 256 : raw;
            if (raw > 255 || dbm < MinDbm)
            {
                throw TextLines.Malformed(lineNumber, line, $"signal level '{level}' is not a level in dBm ({MinDbm} to 0, or 1 to 255 unsigned)");
            }

            levels[line[..colon].Trim().ToString()] = (int)dbm;
        }

        return levels;
    }
}
