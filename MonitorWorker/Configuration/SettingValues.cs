using System.Globalization;
using System.Text;

namespace MonitorWorker.Configuration;

/// <summary>
/// How a setting's text becomes a value, for every feature's rows: each helper applies the value and returns null, or
/// returns what is wrong with it ("is not a port (1–65535)"). Also how values are shown, and the name nearest a mistyped one.
/// </summary>
public static class SettingValues
{
    public static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);

    public static string List(IEnumerable<string> items) => string.Join(',', items) is { Length: > 0 } joined ? joined : "(none)";

    /// <summary>
    /// A URL as it may be shown where it may hold secrets (a login, a webhook's token in its path, a key in its query):
    /// <c>scheme://***@host:port/first-segment/***?***</c>; <c>***</c> for text that is not a URL.
    /// </summary>
    public static string RedactedUrl(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? url) || url.Host.Length == 0)
        {
            return "***";
        }

        var shown = new StringBuilder(url.Scheme).Append("://");
        if (url.UserInfo.Length > 0)
        {
            shown.Append("***@");
        }

        shown.Append(url.Host);
        if (!url.IsDefaultPort)
        {
            shown.Append(':').Append(url.Port);
        }

        string[] segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length > 0)
        {
            // The first segment names the target (an ntfy topic); a webhook's later segments are its token.
            shown.Append('/').Append(segments[0]);
            if (segments.Length > 1)
            {
                shown.Append("/***");
            }
        }

        if (url.Query.Length > 0)
        {
            shown.Append("?***");
        }

        return shown.ToString();
    }

    /// <summary>The setting whose name is within two edits of <paramref name="variable"/> (a typo such as PISTAT_PORTT), or null.</summary>
    public static string? Closest(string variable, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        (string? best, int distance) = (null, 3);
        foreach (string name in names)
        {
            int d = EditDistance(variable, name);
            if (d < distance)
            {
                (best, distance) = (name, d);
            }
        }

        return best;
    }

    private static int EditDistance(string a, string b)
    {
        int[] previous = [.. Enumerable.Range(0, b.Length + 1)];
        int[] current = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    public static string? Set(Action apply)
    {
        apply();
        return null;
    }

    public static string? WholeNumber(string v, int min, int max, string problem, Action<int> apply)
        => int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int x) && x >= min && x <= max
            ? Set(() => apply(x))
            : $"{problem} ({min}–{max})";

    public static string? Number(string v, double min, double max, string problem, Action<double> apply)
        => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x) && x >= min && x <= max
            ? Set(() => apply(x))
            : $"{problem} ({min.ToString(CultureInfo.InvariantCulture)}–{max.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>A key (PISTAT_API_KEY, PISTAT_PEER_API_KEY): at least 16 characters, no spaces.</summary>
    public const string KeyAllowed = "at least 16 characters without spaces";

    public static string ShowKey(string? key) => key is null ? "(unset)" : "(set, not shown)";

    public static string? Key(string v, Action<string> apply)
        => v.Length >= 16 && !v.Any(char.IsWhiteSpace) ? Set(() => apply(v)) : "is not a usable key (at least 16 characters, no spaces)";

    public static string ShowBool(bool value) => value ? "true" : "false";

    public static string? Bool(string v, Action<bool> apply)
        => BooleanText.TryParse(v, out bool x) ? Set(() => apply(x)) : $"is not a boolean ({BooleanText.Words})";

    public static string? Directory(string v, Action<string> apply)
        => System.IO.Directory.Exists(v) ? Set(() => apply(v)) : "is not an existing directory";

    public static string? File(string v, Action<string> apply)
        => System.IO.File.Exists(v) ? Set(() => apply(v)) : "is not an existing file";

    public static string[] Items(string v) => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string? Paths(string v, Action<IReadOnlyList<string>> apply)
    {
        string[] paths = Items(v);
        string? missing = paths.FirstOrDefault(p => !System.IO.Directory.Exists(p));
        return paths.Length == 0 ? "is an empty list"
            : missing is not null ? $"names '{missing}', which is not an existing directory"
            : Set(() => apply(paths));
    }

    public static string? Origins(string v, Action<IReadOnlyList<string>> apply)
    {
        string[] origins = Items(v);
        string? bad = origins.FirstOrDefault(o => o != "*" && !(Uri.TryCreate(o, UriKind.Absolute, out Uri? u) && (u.Scheme == "http" || u.Scheme == "https") && u.PathAndQuery == "/"));
        return bad is not null ? $"has '{bad}', which is not an origin (scheme://host[:port])" : Set(() => apply([.. origins.Select(o => o.TrimEnd('/'))]));
    }

    public static string? Urls(string v, Action<IReadOnlyList<Uri>> apply)
    {
        var urls = new List<Uri>();
        foreach (string item in Items(v))
        {
            if (!Uri.TryCreate(item, UriKind.Absolute, out Uri? url) || url.Scheme != "http" || url.Query.Length > 0 || url.Fragment.Length > 0)
            {
                return $"has '{item}', which is not an http URL of an agent (the peers are polled over plain HTTP, like the agent serves)";
            }

            urls.Add(new Uri(url.GetLeftPart(UriPartial.Path)));
        }

        return Set(() => apply(urls));
    }

    public static string? Labels(string v, Action<IReadOnlyDictionary<string, string>> apply)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in Items(v))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == pair.Length - 1)
            {
                return $"has '{pair}', which is not key=value";
            }

            labels[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }

        return Set(() => apply(labels));
    }
}
