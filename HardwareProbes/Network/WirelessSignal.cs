using HardwareProbes.IO;

namespace HardwareProbes.Network;

/// <summary>Parser for <c>/proc/net/wireless</c>: the signal level of each associated wireless interface.</summary>
public static class WirelessSignal
{
    /// <summary>Parses the signal level, in dBm, by interface; a header-only file (nothing associated) gives an empty map.</summary>
    /// <remarks>
    /// Levels carry a trailing <c>.</c> when updated since the last read. Drivers that report the level as an
    /// unsigned 8-bit value (a positive number) are converted with level − 256, the wireless-extensions encoding of dBm.
    /// </remarks>
    /// <param name="text">The file's text.</param>
    /// <returns>Signal level in dBm by interface name.</returns>
    /// <exception cref="FormatException">An interface line lacks the status, link or level field, or the level is not a number.</exception>
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
            int dbm = (int)TextLines.ParseInt64(level, lineNumber, line);
            levels[line[..colon].Trim().ToString()] = dbm > 0 ? dbm - 256 : dbm;
        }

        return levels;
    }
}
