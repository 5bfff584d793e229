using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MonitorWorker.Configuration;
using MonitorWorker.Json;

namespace MonitorWorker.Errors;

/// <summary>JSON errors for every failure path, and the API key check.</summary>
public static partial class ErrorHandling
{
    /// <summary>Unmatched paths (404), wrong methods (405) and unhandled exceptions (500) answer in the error shape.</summary>
    public static WebApplication UseJsonErrors(this WebApplication app)
    {
        app.UseExceptionHandler(handler => handler.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return WriteErrorAsync(context, "Internal error; the log has the details");
        }));
        app.UseStatusCodePages(context => context.HttpContext.Response.HasStarted
            ? Task.CompletedTask
            : WriteErrorAsync(context.HttpContext, context.HttpContext.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"No endpoint at {context.HttpContext.Request.Path}; GET / lists them",
                StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Method} is not allowed here; use GET",
                int other => $"HTTP {other}",
            }));
        return app;
    }

    /// <summary>With PISTAT_API_KEY set, every endpoint but <c>/health</c> needs <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    public static WebApplication UseApiKey(this WebApplication app)
    {
        string? key = app.Services.GetRequiredService<IOptions<PiStatOptions>>().Value.ApiKey;
        if (key is null)
        {
            return app;
        }

        byte[] expected = Encoding.UTF8.GetBytes(key);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/health") || HasKey(context, expected))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await WriteErrorAsync(context, "Missing or wrong API key: send Authorization: Bearer <PISTAT_API_KEY>").ConfigureAwait(false);
        });
        return app;
    }

    private static bool HasKey(HttpContext context, byte[] expected)
    {
        string header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] given = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    /// <summary>Writes the error body, with the status code the response already has.</summary>
    public static Task WriteErrorAsync(HttpContext context, string message)
    {
        TimeProvider time = context.RequestServices.GetRequiredService<TimeProvider>();
        context.Response.ContentType = "application/json; charset=utf-8";
        return System.Text.Json.JsonSerializer.SerializeAsync(context.Response.Body, ErrorResponse.Now(message, time), PiStatJson.Context.ErrorResponse);
    }
}
