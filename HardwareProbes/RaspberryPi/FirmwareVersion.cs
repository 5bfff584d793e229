using System.Globalization;
using System.Text;

namespace HardwareProbes.RaspberryPi;

/// <summary>The VideoCore firmware build, from <c>vcgencmd version</c>.</summary>
/// <param name="BuildDate">The build date and time (first line), or null when unreadable.</param>
/// <param name="Version">The version: a 40-hex git hash since 2013, a number before (<c>342141</c>).</param>
/// <param name="Flags">The words in parentheses after the version: <c>clean</c>, <c>release</c>, <c>start</c>.</param>
public sealed record FirmwareVersion(DateTime? BuildDate, string Version, IReadOnlyList<string> Flags)
{
    /// <summary>Parses the three-line reply (date with a double space before one-digit days and a trailing space, copyright, version).</summary>
    /// <param name="text">The reply.</param>
    /// <returns>The version.</returns>
    /// <exception cref="FormatException">No <c>version</c> line.</exception>
    public static FirmwareVersion Parse(ReadOnlySpan<char> text)
    {
        DateTime? date = null;
        foreach (ReadOnlySpan<char> raw in text.EnumerateLines())
        {
            ReadOnlySpan<char> line = raw.Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            if (date is null && DateTime.TryParseExact(string.Join(' ', line.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)), "MMM d yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime built))
            {
                date = built;
                continue;
            }

            if (line.StartsWith("version "))
            {
                string[] words = line["version ".Length..].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                string[] flags = [.. words.Skip(1).Select(w => w.Trim('(', ')'))];
                return new FirmwareVersion(date, words[0], flags);
            }
        }

        throw new FormatException("no 'version' line");
    }

    private bool PrintMembers(StringBuilder builder)
    {
        Printing.Member(builder, nameof(BuildDate), BuildDate, first: true);
        Printing.Member(builder, nameof(Version), Version);
        Printing.List(builder, nameof(Flags), Flags);
        return true;
    }
}
