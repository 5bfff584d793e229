using System.Globalization;
using Microsoft.Extensions.Primitives;

using MonitorWorker.Http;

namespace MonitorWorker.History;

/// <summary>
/// A parsed <c>/api/history</c> query: <c>series</c> (comma-separated names or globs with <c>*</c>; all when absent),
/// <c>start</c> and <c>end</c> (Unix seconds; the last hour when absent), <c>step</c> (seconds, at least the chosen
/// tier's), <c>page</c> (from 1) and <c>format</c> (<c>json</c> or <c>csv</c>).
/// </summary>
public sealed record HistoryQuery(string[] Series, long Start, long End, long? Step, int Page, bool Csv)
{
    /// <summary>The longest range one query may span: the 15-minute tier's two years on disk.</summary>
    public const long MaxRangeSeconds = 731 * 24 * 3600;

    /// <summary>Parses the query, or says what is wrong with it.</summary>
    public static bool TryParse(IQueryCollection query, DateTimeOffset now, out HistoryQuery? parsed, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        parsed = null;
        long end = now.ToUnixTimeSeconds();
        if (!QueryValues.TryWholeNumber(query, "end", end, 0, long.MaxValue, out end, out error)
            || !QueryValues.TryWholeNumber(query, "start", end - 3600, 0, long.MaxValue, out long start, out error)
            || !QueryValues.TryWholeNumber(query, "step", 0, 1, MaxRangeSeconds, out long step, out error)
            || !QueryValues.TryWholeNumber(query, "page", 1, 1, int.MaxValue, out long page, out error))
        {
            return false;
        }

        if (start > end)
        {
            error = $"start ({start}) is after end ({end})";
            return false;
        }

        if (end - start > MaxRangeSeconds)
        {
            error = $"the range spans {end - start} s; at most {MaxRangeSeconds} (two years) is kept";
            return false;
        }

        string format = query["format"].ToString();
        if (format is not ("" or "json" or "csv"))
        {
            error = $"format: '{format}' is not json or csv";
            return false;
        }

        string[] series = query["series"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string? bad = series.FirstOrDefault(s => s.Length > 100 || s.Count(c => c == '*') > 4 || s.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '*' or ':' or '/' or ' ')));
        if (bad is not null)
        {
            error = $"series: '{bad}' is not a series name or glob (letters, digits, spaces, . _ - : / and at most four *, up to 100 characters)";
            return false;
        }

        parsed = new HistoryQuery(series.Length == 0 ? ["*"] : series, start, end, step == 0 ? null : step, (int)page, format == "csv");
        return true;
    }

    /// <summary>Whether <paramref name="name"/> matches one of the globs (<c>*</c> stands for any run of characters).</summary>
    public bool Wants(string name) => Series.Any(glob => Glob(glob, name));

    private static bool Glob(ReadOnlySpan<char> glob, ReadOnlySpan<char> name)
    {
        int star = glob.IndexOf('*');
        if (star < 0)
        {
            return glob.SequenceEqual(name);
        }

        if (!name.StartsWith(glob[..star]))
        {
            return false;
        }

        ReadOnlySpan<char> rest = glob[(star + 1)..];
        for (int i = star; i <= name.Length; i++)
        {
            if (Glob(rest, name[i..]))
            {
                return true;
            }
        }

        return false;
    }
}
