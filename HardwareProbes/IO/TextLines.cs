using System.Globalization;

namespace HardwareProbes.IO;

/// <summary>Span helpers shared by the parsers: whitespace-separated fields, numbers, and line-aware errors.</summary>
internal static class TextLines
{
    /// <summary>Enumerates the whitespace-separated fields of a line without allocating.</summary>
    public static FieldEnumerator Fields(ReadOnlySpan<char> line) => new(line);

    /// <summary>Parses an unsigned decimal field or fails naming the line.</summary>
    public static ulong ParseUInt64(ReadOnlySpan<char> field, int lineNumber, ReadOnlySpan<char> line)
        => ulong.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value)
            ? value
            : throw Malformed(lineNumber, line, $"'{field}' is not an unsigned integer");

    /// <summary>Parses an unsigned decimal field that must fit a non-negative <see cref="long"/>, or fails naming the line.</summary>
    public static long ParseNonNegativeInt64(ReadOnlySpan<char> field, int lineNumber, ReadOnlySpan<char> line)
    {
        ulong value = ParseUInt64(field, lineNumber, line);
        return value <= long.MaxValue ? (long)value : throw Malformed(lineNumber, line, $"'{field}' overflows a 64-bit count");
    }

    /// <summary>Multiplies a count by a unit size, failing naming the line when the product overflows.</summary>
    public static long Scale(long value, long unit, int lineNumber, ReadOnlySpan<char> line)
        => value <= long.MaxValue / unit ? value * unit : throw Malformed(lineNumber, line, $"{value} × {unit} overflows a 64-bit byte count");

    /// <summary>Parses a signed decimal field or fails naming the line.</summary>
    public static long ParseInt64(ReadOnlySpan<char> field, int lineNumber, ReadOnlySpan<char> line)
        => long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw Malformed(lineNumber, line, $"'{field}' is not an integer");

    /// <summary>Parses an invariant-culture decimal field or fails naming the line.</summary>
    public static double ParseDouble(ReadOnlySpan<char> field, int lineNumber, ReadOnlySpan<char> line)
        => double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw Malformed(lineNumber, line, $"'{field}' is not a number");

    /// <summary>An error that names the 1-based line and shows it (shortened when long).</summary>
    public static FormatException Malformed(int lineNumber, ReadOnlySpan<char> line, string reason)
    {
        ReadOnlySpan<char> shown = line.Length > 80 ? line[..80] : line;
        string ellipsis = line.Length > 80 ? "..." : string.Empty;
        return new FormatException($"line {lineNumber} \"{shown}{ellipsis}\": {reason}");
    }

    /// <summary>An error about the file as a whole (empty, missing a required line).</summary>
    public static FormatException MalformedFile(string reason) => new(reason);

    /// <summary>Reads a sysfs attribute holding one integer (trailing newline or not).</summary>
    public static long ParseSingleInt64(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> trimmed = text.Trim();
        return long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw Malformed(1, trimmed, trimmed.IsEmpty ? "empty file" : "not an integer");
    }

    /// <summary>Reads a sysfs or device-tree string: trailing NULs and whitespace removed; empty is null.</summary>
    public static string? ParseSingleString(ReadOnlySpan<char> text)
    {
        int nul = text.IndexOf('\0');
        ReadOnlySpan<char> value = (nul >= 0 ? text[..nul] : text).Trim();
        return value.IsEmpty ? null : value.ToString();
    }

    /// <summary>Allocation-free enumerator over the whitespace-separated fields of one line.</summary>
    public ref struct FieldEnumerator
    {
        private ReadOnlySpan<char> _rest;

        public FieldEnumerator(ReadOnlySpan<char> line)
        {
            _rest = line;
            Current = default;
        }

        public ReadOnlySpan<char> Current { get; private set; }

        public readonly FieldEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            _rest = _rest.TrimStart();
            if (_rest.IsEmpty)
            {
                return false;
            }

            int end = _rest.IndexOfAny(' ', '\t');
            if (end < 0)
            {
                end = _rest.Length;
            }

            Current = _rest[..end];
            _rest = _rest[end..];
            return true;
        }

        /// <summary>Parses the next <paramref name="counters"/>.Length fields as unsigned counters, or fails naming the line and the missing counter.</summary>
        public void NextCounters(scoped Span<ulong> counters, int lineNumber, scoped ReadOnlySpan<char> line)
        {
            for (int i = 0; i < counters.Length; i++)
            {
                if (!MoveNext())
                {
                    throw Malformed(lineNumber, line, $"missing counter {i + 1} of {counters.Length}");
                }

                counters[i] = ParseUInt64(Current, lineNumber, line);
            }
        }

        /// <summary>Moves to the next field or fails naming the line.</summary>
        public ReadOnlySpan<char> Next(int lineNumber, ReadOnlySpan<char> line, string what)
            => MoveNext() ? Current : throw Malformed(lineNumber, line, $"missing {what}");
    }
}
