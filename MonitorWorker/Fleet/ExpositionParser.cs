using System.Globalization;
using System.Text;

namespace MonitorWorker.Fleet;

/// <summary>
/// Reads the Prometheus text exposition format (version 0.0.4, which OpenMetrics text also parses as): <c># HELP</c>
/// and <c># TYPE</c> lines, samples <c>name{label="value",…} value [timestamp]</c> with the label escapes <c>\\</c>,
/// <c>\"</c> and <c>\n</c>, the values <c>NaN</c>, <c>+Inf</c> and <c>-Inf</c>, and a summary's or histogram's
/// <c>_sum</c>, <c>_count</c> and <c>_bucket</c> samples under their family. It never throws: a line it cannot take is
/// left out and named in <see cref="ExpositionDocument.Problems"/>, so one bad line of a small board's answer costs that
/// line only. It is lenient where boards are sloppy (no final newline, CRLF line ends, a sample without TYPE, a repeated
/// TYPE, the same family's samples apart) and strict where a value would be wrong (a malformed number, an unclosed
/// label, a repeated label name, a repeated series).
/// </summary>
public static class ExpositionParser
{
    /// <summary>The most samples kept from one answer; the rest are dropped with a problem.</summary>
    public const int MaxSamples = 5000;

    /// <summary>The most problems listed; the count of the rest is given.</summary>
    public const int MaxProblems = 20;

    /// <summary>The most labels one sample may carry.</summary>
    public const int MaxLabels = 64;

    /// <summary>The longest line read.</summary>
    public const int MaxLineLength = 64 * 1024;

    public static ExpositionDocument Parse(ReadOnlySpan<char> text)
    {
        var state = new State();
        int lineNumber = 0;
        foreach (ReadOnlySpan<char> raw in text.EnumerateLines())
        {
            lineNumber++;
            ReadOnlySpan<char> line = raw.TrimEnd('\r').Trim(' ');
            if (line.IsEmpty)
            {
                continue;
            }

            if (line.Length > MaxLineLength)
            {
                state.Problem(lineNumber, $"longer than {MaxLineLength} characters");
                continue;
            }

            if (line[0] == '#')
            {
                Comment(line[1..].TrimStart(' '), lineNumber, state);
            }
            else if (state.Samples >= MaxSamples)
            {
                state.Dropped++;
            }
            else if (Sample(line, out ExpositionSample? sample, out string? problem))
            {
                state.Add(sample!, lineNumber);
            }
            else
            {
                state.Problem(lineNumber, problem!);
            }
        }

        return state.ToDocument();
    }

    /// <summary>Whether <paramref name="name"/> is a metric name: <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    public static bool IsMetricName(ReadOnlySpan<char> name) => NameLength(name, allowColon: true) == name.Length && name.Length > 0;

    /// <summary>Whether <paramref name="name"/> is a label name: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static bool IsLabelName(ReadOnlySpan<char> name) => NameLength(name, allowColon: false) == name.Length && name.Length > 0;

    private static void Comment(ReadOnlySpan<char> rest, int lineNumber, State state)
    {
        bool help = rest.StartsWith("HELP ");
        bool type = rest.StartsWith("TYPE ");
        if (!help && !type)
        {
            return; // a comment
        }

        rest = rest[5..].TrimStart(' ');
        int nameLength = NameLength(rest, allowColon: true);
        if (nameLength == 0 || (nameLength < rest.Length && rest[nameLength] != ' '))
        {
            state.Problem(lineNumber, $"{(help ? "HELP" : "TYPE")} without a metric name");
            return;
        }

        string name = rest[..nameLength].ToString();
        ReadOnlySpan<char> value = rest[nameLength..].Trim(' ');
        if (help)
        {
            state.Help(name, Unescape(value, quoted: false), lineNumber);
        }
        else if (ParseType(value) is ExpositionType parsed)
        {
            state.Type(name, parsed, lineNumber);
        }
        else
        {
            state.Problem(lineNumber, $"TYPE '{Shorten(value)}' is not counter, gauge, summary, histogram or untyped");
        }
    }

    /// <summary>A TYPE, in any case: ESPHome writes <c>#TYPE esphome_sensor_value GAUGE</c>, which Prometheus accepts.</summary>
    private static ExpositionType? ParseType(ReadOnlySpan<char> text)
    {
        foreach ((string name, ExpositionType type) in Types)
        {
            if (text.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        return null;
    }

    private static readonly (string Name, ExpositionType Type)[] Types =
    [
        ("counter", ExpositionType.Counter), ("gauge", ExpositionType.Gauge), ("summary", ExpositionType.Summary),
        ("histogram", ExpositionType.Histogram), ("untyped", ExpositionType.Untyped), ("unknown", ExpositionType.Untyped),
    ];

    private static bool Sample(ReadOnlySpan<char> line, out ExpositionSample? sample, out string? problem)
    {
        sample = null;
        int nameLength = NameLength(line, allowColon: true);
        if (nameLength == 0)
        {
            problem = $"'{Shorten(line)}' does not start with a metric name";
            return false;
        }

        string name = line[..nameLength].ToString();
        ReadOnlySpan<char> rest = line[nameLength..].TrimStart(' ');
        var labels = new List<KeyValuePair<string, string>>();
        if (!rest.IsEmpty && rest[0] == '{')
        {
            if (!Labels(ref rest, labels, out problem))
            {
                return false;
            }
        }

        rest = rest.TrimStart(' ');
        int space = rest.IndexOf(' ');
        ReadOnlySpan<char> valueText = space < 0 ? rest : rest[..space];
        ReadOnlySpan<char> after = space < 0 ? [] : rest[(space + 1)..].Trim(' ');
        if (!TryValue(valueText, out double value))
        {
            problem = valueText.IsEmpty ? $"{name} has no value" : $"{name}: '{Shorten(valueText)}' is not a number";
            return false;
        }

        long? timestamp = null;
        if (!after.IsEmpty)
        {
            if (!long.TryParse(after, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long ms))
            {
                problem = $"{name}: '{Shorten(after)}' after the value is not a timestamp";
                return false;
            }

            timestamp = ms;
        }

        sample = new ExpositionSample(name, labels, value, timestamp);
        problem = null;
        return true;
    }

    private static bool Labels(ref ReadOnlySpan<char> rest, List<KeyValuePair<string, string>> labels, out string? problem)
    {
        rest = rest[1..];
        while (true)
        {
            rest = rest.TrimStart(' ');
            if (rest.IsEmpty)
            {
                problem = "the label set is not closed";
                return false;
            }

            if (rest[0] == '}')
            {
                rest = rest[1..];
                problem = null;
                return true;
            }

            int nameLength = NameLength(rest, allowColon: false);
            if (nameLength == 0)
            {
                problem = $"'{Shorten(rest)}' is not a label name";
                return false;
            }

            string labelName = rest[..nameLength].ToString();
            rest = rest[nameLength..].TrimStart(' ');
            if (rest.IsEmpty || rest[0] != '=')
            {
                problem = $"label {labelName} has no '='";
                return false;
            }

            rest = rest[1..].TrimStart(' ');
            if (rest.IsEmpty || rest[0] != '"')
            {
                problem = $"label {labelName}'s value is not quoted";
                return false;
            }

            int close = ClosingQuote(rest);
            if (close < 0)
            {
                problem = $"label {labelName}'s value is not closed";
                return false;
            }

            string labelValue = Unescape(rest[1..close], quoted: true);
            rest = rest[(close + 1)..].TrimStart(' ');
            if (labels.Exists(l => l.Key == labelName))
            {
                problem = $"label {labelName} is given twice";
                return false;
            }

            if (labels.Count == MaxLabels)
            {
                problem = $"more than {MaxLabels} labels";
                return false;
            }

            labels.Add(KeyValuePair.Create(labelName, labelValue));
            if (!rest.IsEmpty && rest[0] == ',')
            {
                rest = rest[1..];
            }
            else if (rest.IsEmpty || rest[0] != '}')
            {
                problem = rest.IsEmpty ? "the label set is not closed" : $"'{Shorten(rest)}' after label {labelName}";
                return false;
            }
        }
    }

    /// <summary>The index of the quote closing a quoted value that starts at 0, past escaped quotes; -1 when none.</summary>
    private static int ClosingQuote(ReadOnlySpan<char> text)
    {
        for (int i = 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Undoes <c>\\</c> and <c>\n</c> (and in label values <c>\"</c>); any other backslash stays as it is.</summary>
    private static string Unescape(ReadOnlySpan<char> text, bool quoted)
    {
        if (text.IndexOf('\\') < 0)
        {
            return text.ToString();
        }

        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\' && i + 1 < text.Length && (text[i + 1] is '\\' or 'n' || (quoted && text[i + 1] == '"')))
            {
                i++;
                builder.Append(text[i] == 'n' ? '\n' : text[i]);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>A value as Go's ParseFloat reads it for Prometheus: decimals, exponents, <c>NaN</c>, <c>Inf</c> with either sign.</summary>
    private static bool TryValue(ReadOnlySpan<char> text, out double value)
    {
        ReadOnlySpan<char> unsigned = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
        if (unsigned.Equals("Inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("Infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (text.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        // Digits, a point, an exponent and signs only: no thousands separators, no hex, nothing culture-dependent.
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c) && c is not ('.' or 'e' or 'E' or '+' or '-'))
            {
                value = 0;
                return false;
            }
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsNaN(value);
    }

    private static int NameLength(ReadOnlySpan<char> text, bool allowColon)
    {
        int i = 0;
        while (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '_' || (allowColon && text[i] == ':') || (i > 0 && char.IsAsciiDigit(text[i]))))
        {
            i++;
        }

        return i;
    }

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..40], "…");

    /// <summary>The families as they build up, by name, in the order first seen.</summary>
    private sealed class State
    {
        private readonly List<Builder> _families = [];
        private readonly Dictionary<string, Builder> _byName = new(StringComparer.Ordinal);
        private readonly List<string> _problems = [];
        private readonly HashSet<string> _series = new(StringComparer.Ordinal);
        private int _moreProblems;

        public int Samples { get; private set; }

        public int Dropped { get; set; }

        public void Problem(int line, string text)
        {
            if (_problems.Count < MaxProblems)
            {
                _problems.Add($"line {line}: {text}");
            }
            else
            {
                _moreProblems++;
            }
        }

        public void Help(string name, string help, int line)
        {
            Builder family = Family(name);
            if (family.Help is not null)
            {
                Problem(line, $"a second HELP for {name}");
                return;
            }

            family.Help = help;
        }

        public void Type(string name, ExpositionType type, int line)
        {
            Builder family = Family(name);
            if (family.Typed)
            {
                Problem(line, family.Type == type ? $"a second TYPE for {name}" : $"TYPE {type.ToString().ToLowerInvariant()} for {name}, already typed {family.Type.ToString().ToLowerInvariant()}: kept the first");
                return;
            }

            if (family.Samples.Count > 0)
            {
                Problem(line, $"TYPE for {name} after its samples: left untyped");
                return;
            }

            family.Type = type;
            family.Typed = true;
        }

        public void Add(ExpositionSample sample, int line)
        {
            var key = new StringBuilder(sample.Name);
            foreach ((string labelName, string labelValue) in sample.Labels)
            {
                key.Append('\0').Append(labelName).Append('\u0001').Append(labelValue);
            }

            if (!_series.Add(key.ToString()))
            {
                Problem(line, $"{sample.Name}: the same series twice, kept the first");
                return;
            }

            FamilyOf(sample.Name).Samples.Add(sample);
            Samples++;
        }

        public ExpositionDocument ToDocument()
        {
            if (Dropped > 0)
            {
                _problems.Add($"more than {MaxSamples} samples: {Dropped} dropped");
            }

            if (_moreProblems > 0)
            {
                _problems.Add($"{_moreProblems} more problems");
            }

            return new ExpositionDocument(
                [.. _families.Where(f => f.Samples.Count > 0).Select(f => new ExpositionFamily(f.Name, f.Type, f.Help, f.Samples))],
                _problems);
        }

        /// <summary>The family a sample belongs to: its own name's, else a summary's or histogram's whose suffix it carries, else a new untyped one.</summary>
        private Builder FamilyOf(string sampleName)
        {
            if (_byName.TryGetValue(sampleName, out Builder? exact))
            {
                return exact;
            }

            foreach (string suffix in (string[])["_sum", "_count", "_bucket"])
            {
                if (sampleName.Length > suffix.Length && sampleName.EndsWith(suffix, StringComparison.Ordinal)
                    && _byName.TryGetValue(sampleName[..^suffix.Length], out Builder? parent)
                    && (parent.Type == ExpositionType.Histogram || (parent.Type == ExpositionType.Summary && suffix != "_bucket")))
                {
                    return parent;
                }
            }

            return Family(sampleName);
        }

        private Builder Family(string name)
        {
            if (!_byName.TryGetValue(name, out Builder? family))
            {
                family = new Builder(name);
                _byName[name] = family;
                _families.Add(family);
            }

            return family;
        }
    }

    private sealed class Builder(string name)
    {
        public string Name { get; } = name;

        public ExpositionType Type { get; set; }

        public bool Typed { get; set; }

        public string? Help { get; set; }

        public List<ExpositionSample> Samples { get; } = [];
    }
}
