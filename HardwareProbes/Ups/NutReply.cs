using System.Globalization;

namespace HardwareProbes.Ups;

/// <summary>
/// Parsers for the NUT network protocol's replies (docs/net-protocol.txt of networkupstools/nut): a <c>LIST VAR</c>
/// block of <c>VAR &lt;ups&gt; &lt;name&gt; "&lt;value&gt;"</c> lines between <c>BEGIN LIST VAR</c> and
/// <c>END LIST VAR</c>, and <c>ERR &lt;code&gt;</c> for a refusal.
/// </summary>
public static class NutReply
{
    /// <summary>Parses a whole <c>LIST VAR</c> reply into the UPS's variables.</summary>
    /// <param name="text">The reply, BEGIN to END.</param>
    /// <param name="ups">The UPS asked for.</param>
    /// <returns>Each variable's value, unquoted and unescaped.</returns>
    /// <exception cref="FormatException">An <c>ERR</c> reply (its code in the message), a line of another shape, or no END.</exception>
    public static IReadOnlyDictionary<string, string> ParseVariables(ReadOnlySpan<char> text, string ups)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        bool begun = false, ended = false;
        int number = 0;
        foreach (ReadOnlySpan<char> raw in text.EnumerateLines())
        {
            number++;
            ReadOnlySpan<char> line = raw.TrimEnd('\r');
            if (line.IsEmpty)
            {
                continue;
            }

            if (line.StartsWith("ERR "))
            {
                throw new FormatException($"the server refused: {line[4..].ToString()}{Explain(line[4..])}");
            }

            if (!begun)
            {
                begun = line.SequenceEqual($"BEGIN LIST VAR {ups}") ? true : throw new FormatException($"line {number}: '{Shorten(line)}' is not the start of a LIST VAR reply");
                continue;
            }

            if (line.SequenceEqual($"END LIST VAR {ups}"))
            {
                ended = true;
                break;
            }

            string prefix = $"VAR {ups} ";
            if (!line.StartsWith(prefix))
            {
                throw new FormatException($"line {number}: '{Shorten(line)}' is not a VAR line of {ups}");
            }

            ReadOnlySpan<char> rest = line[prefix.Length..];
            int space = rest.IndexOf(' ');
            if (space <= 0 || rest.Length < space + 3 || rest[space + 1] != '"' || rest[^1] != '"')
            {
                throw new FormatException($"line {number}: '{Shorten(line)}' has no quoted value");
            }

            variables[rest[..space].ToString()] = Unescape(rest[(space + 2)..^1]);
        }

        return ended ? variables : throw new FormatException("the reply ended before END LIST VAR");
    }

    /// <summary>Reads the variables pi-stat shows into a reading, each figure checked against its range.</summary>
    /// <param name="ups">The UPS's name.</param>
    /// <param name="variables">Its variables.</param>
    /// <returns>The reading.</returns>
    public static UpsReading ToReading(string ups, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var problems = new List<string>();
        double? Figure(string name, double min, double max)
        {
            if (!variables.TryGetValue(name, out string? text))
            {
                return null;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                problems.Add($"{name} '{text}' is not a number");
                return null;
            }

            if (value < min || value > max)
            {
                problems.Add(FormattableString.Invariant($"{name} {value} is outside {min} to {max}"));
                return null;
            }

            return value;
        }

        string? Text(string name) => variables.TryGetValue(name, out string? value) && value.Length > 0 ? value : null;
        string? mfr = Text("device.mfr") ?? Text("ups.mfr");
        string? model = Text("device.model") ?? Text("ups.model");
        string[] status = Text("ups.status")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return new UpsReading(
            ups,
            status,
            Figure("battery.charge", 0, 100),
            Figure("battery.runtime", 0, 30 * 24 * 3600),
            Figure("ups.load", 0, 200),
            Figure("input.voltage", 0, 500),
            Figure("battery.voltage", 0, 500),
            mfr is null ? model : model is null ? mfr : $"{mfr} {model}")
        {
            Problems = problems,
        };
    }

    /// <summary>Undoes the protocol's escapes in a quoted value: <c>\"</c> and <c>\\</c>.</summary>
    private static string Unescape(ReadOnlySpan<char> value)
    {
        if (value.IndexOf('\\') < 0)
        {
            return value.ToString();
        }

        var builder = new System.Text.StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            builder.Append(value[i] == '\\' && i + 1 < value.Length ? value[++i] : value[i]);
        }

        return builder.ToString();
    }

    private static string Explain(ReadOnlySpan<char> code) => code switch
    {
        "UNKNOWN-UPS" => " (no UPS of that name on the server: see its ups.conf)",
        "ACCESS-DENIED" => " (the login was refused: see the server's upsd.users)",
        "DATA-STALE" => " (the server's driver has no fresh data from the UPS)",
        "DRIVER-NOT-CONNECTED" => " (the server's driver for this UPS is not running)",
        _ => string.Empty,
    };

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 60 ? text.ToString() : string.Concat(text[..60], "…");
}
