using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Primitives;
using MonitorWorker.Configuration;

namespace MonitorWorker.Http;

/// <summary>
/// The one reader of query-string values for every endpoint: whole numbers, flags, one name of a set, and comma lists.
/// An absent value is the default; a bad or repeated one is false with a reason of the form <c>name: 'value' is not …</c>,
/// which the endpoint answers with a 400.
/// </summary>
public static class QueryValues
{
    /// <summary>
    /// A whole number from <paramref name="min"/> to <paramref name="max"/>. With <paramref name="capAtMax"/> a larger one
    /// (however many digits) is <paramref name="max"/> rather than an error: for limits, where "many" means "the most".
    /// </summary>
    public static bool TryWholeNumber(IQueryCollection query, string name, long fallback, long min, long max, out long value, [NotNullWhen(false)] out string? error, bool capAtMax = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        value = fallback;
        error = null;
        StringValues raw = query[name];
        if (StringValues.IsNullOrEmpty(raw))
        {
            return true;
        }

        if (raw.Count > 1)
        {
            error = $"{name}: give it once";
            return false;
        }

        string text = raw[0]!;
        bool digits = text.Length > 0 && text.All(char.IsAsciiDigit);
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && (value <= max || capAtMax))
        {
            value = Math.Min(value, max);
            return true;
        }

        if (capAtMax && digits && text.TrimStart('0').Length > 19)
        {
            value = max; // beyond a long: still a valid "many"
            return true;
        }

        value = fallback;
        string range = !capAtMax ? $"a whole number from {min} to {max}" : min == 1 ? "a positive whole number" : $"a whole number of at least {min}";
        error = $"{name}: '{text}' is not {range}";
        return false;
    }

    /// <summary>A flag in the settings' grammar (<see cref="BooleanText"/>: 1/0, true/false, yes/no, on/off).</summary>
    public static bool TryFlag(IQueryCollection query, string name, bool fallback, out bool value, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        value = fallback;
        error = null;
        StringValues raw = query[name];
        if (StringValues.IsNullOrEmpty(raw) || (raw.Count == 1 && BooleanText.TryParse(raw[0], out value)))
        {
            return true;
        }

        value = fallback;
        error = $"{name}: '{raw}' is not a boolean ({BooleanText.Words})";
        return false;
    }

    /// <summary>One of <paramref name="names"/>, any case, as its index; absent is <paramref name="fallback"/>.</summary>
    public static bool TryOneOf(IQueryCollection query, string name, IReadOnlyList<string> names, int fallback, out int index, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(names);
        index = fallback;
        error = null;
        StringValues raw = query[name];
        if (raw.Count == 0)
        {
            return true;
        }

        if (raw.Count > 1)
        {
            error = $"{name}: give it once";
            return false;
        }

        string text = raw[0]!.Trim();
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], text, StringComparison.OrdinalIgnoreCase))
            {
                index = i;
                return true;
            }
        }

        error = $"{name}: '{raw[0]}' is not one of {string.Join(", ", names)}";
        return false;
    }

    /// <summary>A comma list, trimmed, without empty items or repeats, in the order given; null when absent.</summary>
    public static bool TrySplitList(IQueryCollection query, string name, out string[]? items, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        items = null;
        error = null;
        StringValues raw = query[name];
        if (raw.Count == 0)
        {
            return true;
        }

        if (raw.Count > 1)
        {
            error = $"{name}: give it once, as a comma list";
            return false;
        }

        items = [.. raw[0]!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
        return true;
    }

    /// <summary>A comma list whose items are all in <paramref name="allowed"/> (exact case); absent or empty is null (no filter).</summary>
    public static bool TryList(IQueryCollection query, string name, IReadOnlyCollection<string> allowed, out string[]? items, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        if (!TrySplitList(query, name, out items, out error))
        {
            return false;
        }

        string? unknown = items?.FirstOrDefault(n => !allowed.Contains(n, StringComparer.Ordinal));
        if (unknown is not null)
        {
            items = null;
            error = $"{name}: '{unknown}' is not one of {string.Join(", ", allowed)}";
            return false;
        }

        items = items is { Length: > 0 } ? items : null;
        return true;
    }
}
