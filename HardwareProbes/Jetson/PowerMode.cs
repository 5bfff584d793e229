using System.Globalization;

namespace HardwareProbes.Jetson;

/// <summary>
/// The Jetson power mode nvpmodel last set: its id from <c>/var/lib/nvpmodel/status</c> (<c>pmode:0002</c>, the file
/// nvpmodel itself writes) and its name from the catalogue in <c>/etc/nvpmodel.conf</c>
/// (<c>&lt; POWER_MODEL ID=2 NAME=MAXN_SUPER &gt;</c>). Reading both files costs no process: <c>nvpmodel -q</c> is not run.
/// </summary>
/// <param name="Id">The mode's id.</param>
/// <param name="Name">Its name in nvpmodel.conf (<c>15W</c>, <c>MAXN</c>); null when the catalogue does not name it.</param>
public sealed record PowerMode(int Id, string? Name)
{
    /// <summary>Parses the status file's <c>pmode:NNNN</c> field.</summary>
    /// <exception cref="FormatException">No <c>pmode:</c> field with a number.</exception>
    public static int ParseStatus(ReadOnlySpan<char> text)
    {
        int at = text.IndexOf("pmode:", StringComparison.Ordinal);
        if (at < 0)
        {
            throw IO.TextLines.Malformed(1, text.Trim(), "no pmode: field");
        }

        ReadOnlySpan<char> rest = text[(at + "pmode:".Length)..];
        int end = 0;
        while (end < rest.Length && char.IsAsciiDigit(rest[end]))
        {
            end++;
        }

        return int.TryParse(rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out int id)
            ? id
            : throw IO.TextLines.Malformed(1, text.Trim(), "pmode: is not a number");
    }

    /// <summary>Reads the mode names of nvpmodel.conf's <c>&lt; POWER_MODEL ID=n NAME=x &gt;</c> lines; other lines are skipped.</summary>
    public static Dictionary<int, string> ParseCatalogue(ReadOnlySpan<char> text)
    {
        var names = new Dictionary<int, string>();
        foreach (ReadOnlySpan<char> raw in text.EnumerateLines())
        {
            ReadOnlySpan<char> line = raw.Trim();
            if (!line.StartsWith("<", StringComparison.Ordinal) || line.IndexOf("POWER_MODEL", StringComparison.Ordinal) < 0)
            {
                continue;
            }

            int? id = null;
            string? name = null;
            foreach (ReadOnlySpan<char> field in IO.TextLines.Fields(line))
            {
                if (field.StartsWith("ID=", StringComparison.Ordinal) && int.TryParse(field[3..], NumberStyles.None, CultureInfo.InvariantCulture, out int value))
                {
                    id = value;
                }
                else if (field.StartsWith("NAME=", StringComparison.Ordinal) && field.Length > 5)
                {
                    name = field[5..].ToString();
                }
            }

            if (id is int key && name is not null)
            {
                names.TryAdd(key, name);
            }
        }

        return names;
    }
}
