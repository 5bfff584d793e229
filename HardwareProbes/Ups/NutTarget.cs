namespace HardwareProbes.Ups;

/// <summary>
/// A UPS behind a NUT server: <c>nut://[user:password@]host[:3493]/&lt;ups&gt;</c>. <see cref="Display"/> shows the
/// login as <c>***</c>.
/// </summary>
/// <param name="Host">The NUT server (upsd).</param>
/// <param name="Port">Its port; 3493 by default.</param>
/// <param name="Ups">The UPS's name in the server's ups.conf.</param>
/// <param name="User">The upsd.users login, or null.</param>
/// <param name="Password">Its password, or null.</param>
public sealed record NutTarget(string Host, int Port, string Ups, string? User, string? Password)
{
    /// <summary>The port upsd listens on unless told otherwise (IANA's "nut").</summary>
    public const int DefaultPort = 3493;

    /// <summary>Gets the target as a URL with the login hidden.</summary>
    public string Display => $"nut://{(User is null ? string.Empty : "***@")}{Host}{(Port == DefaultPort ? string.Empty : $":{Port}")}/{Ups}";

    /// <summary>Reads a <c>nut://</c> URL.</summary>
    /// <param name="text">The URL.</param>
    /// <param name="target">The target, when it is one.</param>
    /// <param name="error">Why it is not, when it is not.</param>
    /// <returns>Whether <paramref name="text"/> is a NUT URL naming one UPS.</returns>
    public static bool TryParse(string text, out NutTarget? target, out string? error)
    {
        target = null;
        if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out Uri? url) || url.Scheme != "nut" || url.Host.Length == 0)
        {
            error = "is not a nut://[user:password@]host[:port]/<ups> URL";
            return false;
        }

        string ups = Uri.UnescapeDataString(url.AbsolutePath.Trim('/'));
        if (ups.Length == 0 || ups.Contains('/', StringComparison.Ordinal) || ups.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '"'))
        {
            error = "does not name one UPS after the host (nut://host/<ups>, the name in the server's ups.conf)";
            return false;
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            error = "has a query or fragment, which a NUT URL does not take";
            return false;
        }

        string? user = null, password = null;
        if (url.UserInfo.Length > 0)
        {
            string[] parts = url.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : null;
            if (user.Length == 0 || (user + password).Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                error = "has a login with spaces or control characters, which NUT's USERNAME and PASSWORD commands cannot carry";
                return false;
            }
        }

        target = new NutTarget(url.Host, url.IsDefaultPort || url.Port < 0 ? DefaultPort : url.Port, ups, user, password);
        error = null;
        return true;
    }
}
