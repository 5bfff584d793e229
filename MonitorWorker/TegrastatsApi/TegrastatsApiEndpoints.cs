using HardwareProbes.Snapshots;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MonitorWorker.Errors;
using MonitorWorker.Health;
using MonitorWorker.Http;
using MonitorWorker.Json;
using MonitorWorker.Sampling;
using MonitorWorker.Service;

namespace MonitorWorker.TegrastatsApi;

/// <summary>
/// The Tegrastats API's endpoints (<c>/api/health</c>, <c>/api/status</c>, <c>/api/cpu</c>, <c>/api/memory</c>,
/// <c>/api/temperature</c>, <c>/api/power</c>) on every board, from the snapshot <c>/stats</c> would serve.
/// </summary>
public static class TegrastatsApiEndpoints
{
    public static IEndpointRouteBuilder MapTegrastatsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api").WithTags("Tegrastats API");
        api.MapMethods("/health", ReadMethods.GetAndHead, GetHealthAsync)
            .WithName("GetApiHealth")
            .WithSummary("Service status and the number of live-push clients")
            .Produces<ApiHealthResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<ApiHealthResponse>(StatusCodes.Status503ServiceUnavailable, "application/json");
        api.MapMethods("/status", ReadMethods.GetAndHead, GetStatusAsync)
            .WithName("GetApiStatus")
            .WithSummary("CPU cores, GPU, memory (MB), temperatures (°C) and power rails (mW) together")
            .Produces<ApiStatusResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable, "application/json");
        MapPart(api, "/cpu", "GetApiCpu", "Per-core usage (%) and frequency (MHz); offline cores keep their id", s => new ApiCpuResponse(s.Cpu, s.Timestamp), TegrastatsApiJsonContext.Relaxed.ApiCpuResponse);
        MapPart(api, "/memory", "GetApiMemory", "RAM and swap in MB", s => new ApiMemoryResponse(s.Memory, s.Timestamp), TegrastatsApiJsonContext.Relaxed.ApiMemoryResponse);
        MapPart(api, "/temperature", "GetApiTemperature", "Temperatures by sensor name, in °C", s => new ApiTemperatureResponse(s.Temperature, s.Timestamp), TegrastatsApiJsonContext.Relaxed.ApiTemperatureResponse);
        MapPart(api, "/power", "GetApiPower", "Power rails in mW (Jetson); empty where the board has none", s => new ApiPowerResponse(s.Power, s.Timestamp), TegrastatsApiJsonContext.Relaxed.ApiPowerResponse);
        return app;
    }

    private static void MapPart<T>(RouteGroupBuilder api, string path, string name, string summary, Func<ApiStatusResponse, T> part, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        api.MapMethods(path, ReadMethods.GetAndHead, async (HttpContext context, SnapshotStore store, SnapshotViews views, IOptions<SamplingOptions> options, TimeProvider time, CancellationToken cancellationToken) =>
        {
            (HardwareSnapshot? snapshot, JsonHttpResult<ErrorResponse>? error) = await LatestAsync(context, store, options.Value, time, cancellationToken).ConfigureAwait(false);
            return snapshot is null ? (IResult)error! : TypedResults.Json(part(views.Get(snapshot, ApiStatusView.View).Response), type);
        })
            .WithName(name)
            .WithSummary(summary)
            .Produces<T>(StatusCodes.Status200OK, "application/json")
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable, "application/json");
    }

    private static async Task<Results<FileContentHttpResult, JsonHttpResult<ErrorResponse>>> GetStatusAsync(
        HttpContext context, SnapshotStore store, SnapshotViews views, IOptions<SamplingOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        (HardwareSnapshot? snapshot, JsonHttpResult<ErrorResponse>? error) = await LatestAsync(context, store, options.Value, time, cancellationToken).ConfigureAwait(false);
        return snapshot is null ? error! : TypedResults.Bytes(views.Get(snapshot, ApiStatusView.View).Body, "application/json; charset=utf-8");
    }

    private static async Task<JsonHttpResult<ApiHealthResponse>> GetHealthAsync(HealthCheckService checks, ILiveClients hub, TimeProvider time, CancellationToken cancellationToken)
    {
        HealthReport report = await checks.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        var body = new ApiHealthResponse(HealthEndpoints.StatusName(report), ServiceIdentity.Name, ServiceIdentity.Version, Timestamps.Now(time), hub.Count);
        return TypedResults.Json(body, TegrastatsApiJsonContext.Relaxed.ApiHealthResponse, statusCode: HealthEndpoints.StatusCode(report));
    }

    /// <summary>The snapshot <c>/stats</c> would serve by default, or the 503 the Tegrastats API gives without data.</summary>
    private static async Task<(HardwareSnapshot? Snapshot, JsonHttpResult<ErrorResponse>? Error)> LatestAsync(
        HttpContext context, SnapshotStore store, SamplingOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (store.Latest is null)
        {
            return (null, Unavailable.Answer(context, NoData, time));
        }

        try
        {
            return (await store.GetCachedAsync(options.CacheMaxAge).WaitAsync(SnapshotStore.CollectionLimit, time, cancellationToken).ConfigureAwait(false), null);
        }
        catch (TimeoutException)
        {
            return (null, Unavailable.Answer(context, NoData, time));
        }
    }

    /// <summary>The Tegrastats API's own words for "no sample yet".</summary>
    private const string NoData = "No data available";
}
