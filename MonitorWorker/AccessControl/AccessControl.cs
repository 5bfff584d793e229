using Microsoft.Extensions.Options;
using MonitorWorker.Configuration;
using MonitorWorker.Errors;

namespace MonitorWorker.AccessControl;

/// <summary>Who may read: browsers of the configured origins (CORS, PISTAT_CORS_ORIGINS) and, with PISTAT_API_KEY set, holders of the key.</summary>
public static class AccessControl
{
    /// <summary>
    /// Registers the CORS policy: GET and POST (Socket.IO's polling) from the configured origins (or any, for <c>*</c>),
    /// with Authorization and Content-Type headers. Without origins there is no policy and no CORS middleware: a browser
    /// on another origin is refused by its own same-origin rule, as with any server that sends no CORS headers.
    /// </summary>
    public static IServiceCollection AddAccessControl(this IServiceCollection services, AccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddFeatureOptions(options);
        services.AddSingleton<ApiKey>();
        if (!options.AllowsCrossOrigin)
        {
            return services;
        }

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

    /// <summary>
    /// CORS first (a browser's preflight carries no key), then the key check. The CORS middleware runs only with
    /// PISTAT_CORS_ORIGINS set: under Native AOT it is invoked by reflection on every request, which was a tenth of the
    /// CPU an idle request cost.
    /// </summary>
    public static WebApplication UseAccessControl(this WebApplication app)
    {
        app.UseRouting(); // the key check reads the matched endpoint's marks
        if (app.Services.GetRequiredService<IOptions<AccessOptions>>().Value.AllowsCrossOrigin)
        {
            app.UseCors();
        }

        app.UseApiKey();
        return app;
    }

    /// <summary>
    /// With PISTAT_API_KEY set, every endpoint needs <c>Authorization: Bearer &lt;key&gt;</c> (or Basic with the key as the
    /// password) but those marked <see cref="OpenWithoutKey"/>: <c>/health</c>, the dashboard's pages and files (they
    /// hold no readings; the page sends the key with each data request) and <c>/socket.io/</c>, which checks the key
    /// itself when a socket connects. Runs after routing, so the matched endpoint's marks are known.
    /// </summary>
    private static void UseApiKey(this WebApplication app)
    {
        ApiKey key = app.Services.GetRequiredService<ApiKey>();
        if (!key.IsSet)
        {
            return;
        }

        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<OpenWithoutKey>() is not null || key.InHeader(context))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ErrorHandling.WriteErrorAsync(context, "Missing or wrong API key: send Authorization: Bearer <PISTAT_API_KEY> (or the key as the password of a URL, http://user:<key>@host/)").ConfigureAwait(false);
        });
    }
}
