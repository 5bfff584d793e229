using System.Globalization;
using HardwareProbes.IO;

namespace HardwareProbes.RunningProcesses;

/// <summary>The fields of <c>/proc/&lt;pid&gt;/status</c> the process list uses.</summary>
/// <param name="Uid">The real user id (the first number of the <c>Uid:</c> line).</param>
/// <param name="RssBytes">Resident memory (<c>VmRSS</c>); null for kernel threads, which have no such line.</param>
internal readonly record struct ProcessStatus(int? Uid, long? RssBytes)
{
    /// <summary>Parses the <c>Uid:</c> and <c>VmRSS:</c> lines; other lines, and their order, do not matter.</summary>
    /// <exception cref="FormatException">One of those lines holds no number.</exception>
    public static ProcessStatus Parse(ReadOnlySpan<char> text)
    {
        int? uid = null;
        long? rss = null;
        int lineNumber = 0;
        foreach (ReadOnlySpan<char> line in text.EnumerateLines())
        {
            lineNumber++;
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                var fields = TextLines.Fields(line[4..]);
                ReadOnlySpan<char> real = fields.Next(lineNumber, line, "real uid");
                uid = int.TryParse(real, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
                    ? value
                    : throw TextLines.Malformed(lineNumber, line, $"'{real}' is not a user id");
            }
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var fields = TextLines.Fields(line[6..]);
                long kilobytes = TextLines.ParseNonNegativeInt64(fields.Next(lineNumber, line, "VmRSS"), lineNumber, line);
                rss = TextLines.Scale(kilobytes, 1024, lineNumber, line);
            }
        }

        return new ProcessStatus(uid, rss);
    }
}
