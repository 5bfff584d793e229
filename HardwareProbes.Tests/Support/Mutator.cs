using System.Text;

namespace HardwareProbes.Tests;

/// <summary>
/// Deterministic mutations of a real capture: truncation, bit flips, repeated and overlong lines, numbers swapped for
/// huge, negative or non-finite ones, random bytes, and pairs of these. The same seed always gives the same inputs.
/// </summary>
internal sealed class Mutator(int seed)
{
    /// <summary>Numbers that overflow or wrap the types parsers read into, and the non-finite spellings .NET parses.</summary>
    private static readonly string[] AbsurdNumbers =
    [
        "18446744073709551615", "18446744073709551616", "99999999999999999999999999", "9223372036854775807",
        "9223372036854775808", "4294967295", "4294967296", "2147483647", "2147483648", "-1", "-2147483648",
        "-9223372036854775808", "NaN", "Infinity", "-Infinity", "1e308", "-1e308", "0", "00000000000000000000001", "999",
    ];

    private readonly Random _random = new(seed);

    /// <summary>The number of distinct mutation kinds <see cref="Mutate"/> chooses among.</summary>
    public const int Kinds = 9;

    public string Mutate(string text)
    {
        int kind = _random.Next(Kinds);
        return kind == Kinds - 1 ? Apply(_random.Next(Kinds - 1), Apply(_random.Next(Kinds - 1), text)) : Apply(kind, text);
    }

    private string Apply(int kind, string text) => kind switch
    {
        0 => text[..(text.Length == 0 ? 0 : _random.Next(text.Length))],
        1 => FlipBits(text),
        2 => DuplicateLine(text),
        3 => OverlongLine(text),
        4 => ReplaceNumber(text, AbsurdNumbers[_random.Next(AbsurdNumbers.Length)]),
        5 => Negate(text),
        6 => RandomBytes(text),
        _ => ReplaceNumber(text, _random.NextInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)),
    };

    private string FlipBits(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        char[] chars = text.ToCharArray();
        int flips = 1 + _random.Next(8);
        for (int i = 0; i < flips; i++)
        {
            int at = _random.Next(chars.Length);
            chars[at] = (char)(chars[at] ^ (1 << _random.Next(8)));
        }

        return new string(chars);
    }

    private string DuplicateLine(string text)
    {
        List<string> lines = [.. text.Split('\n')];
        int at = _random.Next(lines.Count);
        int copies = 1 + _random.Next(3);
        for (int i = 0; i < copies; i++)
        {
            lines.Insert(at, lines[at]);
        }

        return string.Join('\n', lines);
    }

    private string OverlongLine(string text)
    {
        List<string> lines = [.. text.Split('\n')];
        int at = _random.Next(lines.Count);
        string line = lines[at].Length == 0 ? "x" : lines[at];
        var builder = new StringBuilder();
        int target = 4096 + _random.Next(60_000);
        while (builder.Length < target)
        {
            builder.Append(line).Append(' ');
        }

        lines[at] = builder.ToString();
        return string.Join('\n', lines);
    }

    private string ReplaceNumber(string text, string replacement)
    {
        (int start, int length) = PickDigitRun(text);
        return start < 0 ? text + replacement : string.Concat(text.AsSpan(0, start), replacement, text.AsSpan(start + length));
    }

    private string Negate(string text)
    {
        (int start, _) = PickDigitRun(text);
        return start < 0 ? "-" + text : text.Insert(start, "-");
    }

    private string RandomBytes(string text)
    {
        int at = text.Length == 0 ? 0 : _random.Next(text.Length);
        int length = Math.Min(text.Length - at, _random.Next(64));
        var noise = new char[1 + _random.Next(64)];
        for (int i = 0; i < noise.Length; i++)
        {
            noise[i] = (char)_random.Next(256);
        }

        return string.Concat(text.AsSpan(0, at), noise, text.AsSpan(at + length));
    }

    /// <summary>A random run of digits: (start, length), or (-1, 0) when the text has none.</summary>
    private (int Start, int Length) PickDigitRun(string text)
    {
        var runs = new List<(int, int)>();
        for (int i = 0; i < text.Length;)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                i++;
                continue;
            }

            int start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            runs.Add((start, i - start));
        }

        return runs.Count == 0 ? (-1, 0) : runs[_random.Next(runs.Count)];
    }
}
