using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MonitorWorker.AccessControl;

/// <summary>
/// PISTAT_API_KEY, compared in constant time wherever a key arrives: the Authorization header (Bearer, or Basic with the
/// key as the password) for every endpoint, and a Socket.IO client's auth token, which no middleware sees.
/// </summary>
public sealed class ApiKey(IOptions<AccessOptions> options)
{
    private readonly byte[]? _expected = options.Value.ApiKey is { } key ? Encoding.UTF8.GetBytes(key) : null;

    /// <summary>Gets whether a key is set (without one, everything is open).</summary>
    public bool IsSet => _expected is not null;

    /// <summary>Whether <paramref name="given"/> is the key (false when none is set).</summary>
    public bool Matches(string? given) => _expected is not null && given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _expected);

    /// <summary>Whether the request carries <c>Authorization: Bearer &lt;key&gt;</c>, or Basic with the key as the password.</summary>
    public bool InHeader(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_expected is null)
        {
            return false;
        }

        string header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Matches(header["Bearer ".Length..].Trim());
        }

        // Basic with the key as the password (any user name): what a client sends for a URL with user info, such as
        // pytest-monitor's --remote-server http://pytest:<key>@agent:8585/api/v1, which cannot set headers otherwise.
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            Span<byte> decoded = stackalloc byte[512];
            if (Convert.TryFromBase64String(header["Basic ".Length..].Trim(), decoded, out int length)
                && decoded[..length].IndexOf((byte)':') is int colon and >= 0)
            {
                return CryptographicOperations.FixedTimeEquals(decoded[(colon + 1)..length], _expected);
            }
        }

        return false;
    }
}
