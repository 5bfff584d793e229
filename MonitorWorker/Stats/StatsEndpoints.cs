using HardwareProbes.Snapshots;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MonitorWorker.Configuration;
using MonitorWorker.Errors;
using MonitorWorker.Json;
using MonitorWorker.Sampling;

namespace MonitorWorker.Stats;

/// <summary><c>/stats</c>: the piStat-compatible snapshot, cached, fresh (<c>cache=false</c>) or over a 1 s window (<c>block=true</c>).</summary>
public static class StatsEndpoints
{
    /// <summary>How long a request waits for a collection before answering 503: collections are bounded, so only a stalled sampler gets here.</summary>
    private static readonly TimeSpan CollectionLimit = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapStats(this IEndpointRouteBuilder app)
    {
        app.MapGet("/stats", GetStatsAsync)
            .WithName("GetStats")
            .WithSummary("Hardware snapshot, piStat-compatible")
            .WithDescription("Query block=true measures CPU over a 1 s window starting after the request; cache=false takes a fresh snapshot. Values: true/false/1/0.")
            .Produces<StatsResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest, "application/json")
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable, "application/json");
        return app;
    }

    private static async Task<Results<FileContentHttpResult, JsonHttpResult<ErrorResponse>>> GetStatsAsync(
        HttpContext context, SnapshotStore store, StatsBodyCache bodies, IOptions<PiStatOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!QueryFlag.TryParse(context.Request.Query["block"], false, out bool block))
        {
            return Error($"block: '{context.Request.Query["block"]}' is not a boolean (true, false, 1, 0)", StatusCodes.Status400BadRequest, time);
        }

        if (!QueryFlag.TryParse(context.Request.Query["cache"], true, out bool cache))
        {
            return Error($"cache: '{context.Request.Query["cache"]}' is not a boolean (true, false, 1, 0)", StatusCodes.Status400BadRequest, time);
        }

        if (!block && cache && store.Latest is null)
        {
            context.Response.Headers.RetryAfter = "1";
            return Error("No snapshot yet: the first one is being taken", StatusCodes.Status503ServiceUnavailable, time);
        }

        HardwareSnapshot snapshot;
        try
        {
            Task<HardwareSnapshot> pending = block ? store.GetBlockingAsync(cancellationToken)
                : cache ? store.GetCachedAsync(options.Value.CacheMaxAge)
                : store.GetFreshAsync();
            snapshot = await pending.WaitAsync(CollectionLimit + (block ? TimeSpan.FromSeconds(1) : TimeSpan.Zero), time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return Error($"No snapshot within {CollectionLimit.TotalSeconds:0} s: the sampler is stalled", StatusCodes.Status503ServiceUnavailable, time);
        }

        return TypedResults.Bytes(bodies.Get(snapshot, time.GetUtcNow()), "application/json; charset=utf-8");
    }

    private static JsonHttpResult<ErrorResponse> Error(string message, int status, TimeProvider time)
        => TypedResults.Json(ErrorResponse.Now(message, time), PiStatJson.Context.ErrorResponse, statusCode: status);
}
