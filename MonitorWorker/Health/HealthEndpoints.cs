using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MonitorWorker.AccessControl;
using MonitorWorker.Http;
using MonitorWorker.Json;
using MonitorWorker.Sampling;
using MonitorWorker.Service;

namespace MonitorWorker.Health;

/// <summary><c>/health</c>: ASP.NET Core health checks written in the pi-stat shape; 200 healthy or degraded, 503 unhealthy.</summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SamplerHealthCheck>("sampler")
            .AddCheck<SourcesHealthCheck>("sources")
            .AddCheck<ConditionsHealthCheck>("conditions");
        return services;
    }

    /// <summary>Maps <c>/health</c> as an endpoint of its own (so the OpenAPI document describes it) over the registered health checks.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/health", ReadMethods.GetAndHead, GetHealthAsync)
            .WithName("GetHealth")
            .WithSummary("Service health: healthy or degraded (200), unhealthy (503)")
            .Produces<HealthResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable, "application/json")
            .OpenWithoutKey();
        return app;
    }

    private static async Task<JsonHttpResult<HealthResponse>> GetHealthAsync(
        HttpContext context, HealthCheckService checks, SnapshotStore store, ILiveClients clients, StartTime started, ApiKey key,
        SnapshotViews views, TimeProvider time, CancellationToken cancellationToken)
    {
        HealthReport report = await checks.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        // With a key set, a caller without it learns how the agent is and nothing else.
        bool details = !key.IsSet || key.InHeader(context);
        var body = new HealthResponse(
            Status: StatusName(report),
            Hostname: ServiceIdentity.NodeName(views.Demo),
            Timestamp: Timestamps.Now(time),
            Checks: report.Entries.ToDictionary(
                e => e.Key,
                e => new HealthCheckEntry(e.Value.Status.ToString().ToLowerInvariant(), e.Value.Description)),
            Service: details ? ServiceIdentity.Name : null,
            Version: details ? ServiceIdentity.Version : null,
            SystemUptimeSeconds: details ? store.Latest?.UptimeSeconds : null,
            AgentUptimeSeconds: details ? Math.Round(Math.Max(0, (time.GetUtcNow() - started.At).TotalSeconds), 1) : null,
            ConnectedClients: details ? clients.Count : null);
        context.Response.Headers.CacheControl = "no-store, no-cache";
        return TypedResults.Json(body, HealthJsonContext.Relaxed.HealthResponse, statusCode: StatusCode(report));
    }

    /// <summary><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>.</summary>
    public static string StatusName(HealthReport report) => (report ?? throw new ArgumentNullException(nameof(report))).Status.ToString().ToLowerInvariant();

    /// <summary>200 for healthy and degraded, 503 for unhealthy.</summary>
    public static int StatusCode(HealthReport report)
        => (report ?? throw new ArgumentNullException(nameof(report))).Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
}
