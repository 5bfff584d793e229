using System.Reflection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MonitorWorker.Json;
using MonitorWorker.Sampling;

namespace MonitorWorker.Health;

/// <summary><c>/health</c>: ASP.NET Core health checks written in the pi-stat shape; 200 healthy or degraded, 503 unhealthy.</summary>
public static class HealthEndpoints
{
    public static string Version { get; } = typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static IServiceCollection AddPiStatHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SamplerHealthCheck>("sampler")
            .AddCheck<SourcesHealthCheck>("sources")
            .AddCheck<ConditionsHealthCheck>("conditions");
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        SnapshotStore store = context.RequestServices.GetRequiredService<SnapshotStore>();
        TimeProvider time = context.RequestServices.GetRequiredService<TimeProvider>();
        var body = new HealthResponse(
            Status: report.Status.ToString().ToLowerInvariant(),
            Uptime: store.Latest?.UptimeSeconds,
            Service: "pi-stat",
            Version: Version,
            Timestamp: Errors.ErrorResponse.Now(string.Empty, time).Timestamp,
            ConnectedClients: context.RequestServices.GetService<ClientCounter>()?.Count ?? 0,
            Checks: report.Entries.ToDictionary(
                e => e.Key,
                e => new HealthCheckEntry(e.Value.Status.ToString().ToLowerInvariant(), e.Value.Description)));
        context.Response.ContentType = "application/json; charset=utf-8";
        return System.Text.Json.JsonSerializer.SerializeAsync(context.Response.Body, body, PiStatJson.Context.HealthResponse);
    }
}
