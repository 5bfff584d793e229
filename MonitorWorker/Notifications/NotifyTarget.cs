using System.IO.Hashing;
using System.Text;
using static MonitorWorker.Configuration.SettingValues;

namespace MonitorWorker.Notifications;

/// <summary>The ways a notification is delivered.</summary>
public enum NotifyKind
{
    /// <summary>A JSON POST to an http(s) URL.</summary>
    Json,

    /// <summary>ntfy's publish API: the message as the body, title, priority and tags as headers.</summary>
    Ntfy,
}

/// <summary>
/// One PISTAT_NOTIFY_URLS entry: where to send, how, and with what login. Its <see cref="Display"/> form is what logs,
/// <c>config</c> and <c>notify-test</c> show: the login and the query as <c>***</c>, and of an http(s) target's path only
/// its first segment (a webhook's path often holds its token). <see cref="Key"/> names it in the outbox without the URL.
/// </summary>
public sealed class NotifyTarget
{
    private NotifyTarget(NotifyKind kind, Uri endpoint, string? login, string display, string key)
    {
        Kind = kind;
        Endpoint = endpoint;
        Login = login;
        Display = display;
        Key = key;
    }

    public NotifyKind Kind { get; }

    /// <summary>Gets the URL posted to, without the login.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets <c>user:password</c> from the URL, sent as HTTP Basic authorization; null without one.</summary>
    public string? Login { get; }

    /// <summary>Gets the URL with its secrets as <c>***</c>.</summary>
    public string Display { get; }

    /// <summary>Gets a stable name of the whole URL (its XxHash3, 16 hex digits) for the outbox: no URL, no login on disk.</summary>
    public string Key { get; }

    /// <summary>Parses one target, or says what is wrong with it (without repeating a secret).</summary>
    public static bool TryParse(string text, out NotifyTarget? target, out string? error)
    {
        target = null;
        error = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url) || url.Host.Length == 0)
        {
            error = $"has '{RedactedUrl(text)}', which is not a URL";
            return false;
        }

        (NotifyKind kind, string scheme) = url.Scheme switch
        {
            "http" or "https" => (NotifyKind.Json, url.Scheme),
            "ntfy" => (NotifyKind.Ntfy, "http"),
            "ntfys" => (NotifyKind.Ntfy, "https"),
            _ => ((NotifyKind)(-1), string.Empty),
        };
        if (scheme.Length == 0)
        {
            error = $"has '{RedactedUrl(text)}', whose scheme is not http, https, ntfy or ntfys";
            return false;
        }

        if (kind == NotifyKind.Ntfy && url.AbsolutePath.Trim('/') is not { Length: > 0 } topic)
        {
            error = $"has '{RedactedUrl(text)}', an ntfy URL without a topic (ntfy://host/topic)";
            return false;
        }

        int defaultPort = scheme == "https" ? 443 : 80;
        bool explicitPort = !url.IsDefaultPort && url.Port != defaultPort;
        var endpoint = new UriBuilder(scheme, url.Host, explicitPort ? url.Port : defaultPort, url.AbsolutePath, url.Query).Uri;
        string? login = url.UserInfo.Length > 0 ? Uri.UnescapeDataString(url.UserInfo) : null;
        target = new NotifyTarget(kind, endpoint, login, RedactedUrl(text), Convert.ToHexString(XxHash3.Hash(Encoding.UTF8.GetBytes(text))).ToLowerInvariant());
        return true;
    }

    /// <summary>Parses a comma-separated list (no two alike).</summary>
    public static bool TryParseList(string text, out IReadOnlyList<NotifyTarget> targets, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = new List<NotifyTarget>();
        targets = parsed;
        error = null;
        foreach (string item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse(item, out NotifyTarget? target, out error))
            {
                return false;
            }

            if (parsed.Any(t => t.Key == target!.Key))
            {
                error = $"has '{target!.Display}' twice";
                return false;
            }

            parsed.Add(target!);
        }

        return true;
    }

    /// <summary>A comma-separated list with each URL redacted.</summary>
    public static string RedactList(string text)
        => string.Join(',', (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(RedactedUrl));
}
