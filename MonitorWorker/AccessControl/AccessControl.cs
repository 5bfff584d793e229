using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MonitorWorker.Configuration;
using MonitorWorker.Errors;

namespace MonitorWorker.AccessControl;

/// <summary>Who may read: browsers of the configured origins (CORS, PISTAT_CORS_ORIGINS) and, with PISTAT_API_KEY set, holders of the key.</summary>
public static class AccessControl
{
    /// <summary>Registers the CORS policy: GET and POST (Socket.IO's polling) from the configured origins (or any, for <c>*</c>), with Authorization and Content-Type headers.</summary>
    public static IServiceCollection AddAccessControl(this IServiceCollection services, PiStatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            if (options.CorsOrigins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins([.. options.CorsOrigins]);
            }

            policy.WithMethods("GET", "POST").WithHeaders("Authorization", "Content-Type");
        }));
        return services;
    }

    /// <summary>CORS first (a browser's preflight carries no key), then the key check.</summary>
    public static WebApplication UseAccessControl(this WebApplication app)
    {
        app.UseCors();
        app.UseApiKey();
        return app;
    }

    /// <summary>
    /// With PISTAT_API_KEY set, every endpoint but <c>/health</c> and the dashboard's files needs <c>Authorization:
    /// Bearer &lt;key&gt;</c>, or Basic with the key as the password.
    /// </summary>
    private static void UseApiKey(this WebApplication app)
    {
        string? key = app.Services.GetRequiredService<IOptions<PiStatOptions>>().Value.ApiKey;
        if (key is null)
        {
            return;
        }

        byte[] expected = Encoding.UTF8.GetBytes(key);
        app.Use(async (context, next) =>
        {
            if (IsOpen(context.Request.Path) || HasKey(context, expected))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ErrorHandling.WriteErrorAsync(context, "Missing or wrong API key: send Authorization: Bearer <PISTAT_API_KEY> (or the key as the password of a URL, http://user:<key>@host/)").ConfigureAwait(false);
        });
    }

    /// <summary>
    /// Open without the key: <c>/health</c> (for load balancers and systemd checks), the dashboard's page and
    /// assets, which hold no readings — the page asks for the key and sends it with each data request — and
    /// <c>/socket.io/</c>, which checks the key itself when a socket connects (Socket.IO clients send it in their auth
    /// payload, which no middleware sees).
    /// </summary>
    private static bool IsOpen(PathString path)
        => path.StartsWithSegments("/health") || path == "/" || path.StartsWithSegments(SocketIo.SocketIoEndpoints.Path)|| path == Dashboard.DashboardEndpoints.FleetPath
            || path.StartsWithSegments(Dashboard.DashboardEndpoints.AssetPath);

    /// <summary>Whether the request carries <c>Authorization: Bearer &lt;key&gt;</c> with <paramref name="expected"/> (the key's UTF-8 bytes).</summary>
    internal static bool HasKey(HttpContext context, byte[] expected)
    {
        string header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            byte[] given = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
            return CryptographicOperations.FixedTimeEquals(given, expected);
        }

        // Basic with the key as the password (any user name): what a client sends for a URL with user info, such as
        // pytest-monitor's --remote-server http://pytest:<key>@agent:8585/api/v1, which cannot set headers otherwise.
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            Span<byte> decoded = stackalloc byte[512];
            if (Convert.TryFromBase64String(header["Basic ".Length..].Trim(), decoded, out int length)
                && decoded[..length].IndexOf((byte)':') is int colon and >= 0)
            {
                return CryptographicOperations.FixedTimeEquals(decoded[(colon + 1)..length], expected);
            }
        }

        return false;
    }
}
