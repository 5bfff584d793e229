using HardwareProbes.Snapshots;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MonitorWorker.Errors;
using MonitorWorker.Http;
using MonitorWorker.Sampling;

namespace MonitorWorker.Stats;

/// <summary><c>/stats</c>: the piStat-compatible snapshot, cached, fresh (<c>cache=false</c>) or over a 1 s window (<c>block=true</c>).</summary>
public static class StatsEndpoints
{
    public static IEndpointRouteBuilder MapStats(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/stats", ReadMethods.GetAndHead, GetStatsAsync)
            .WithName("GetStats")
            .WithSummary("Hardware snapshot, piStat-compatible")
            .WithDescription("Query block=true measures CPU over a 1 s window starting after the request; cache=false takes a fresh snapshot (values: true/false, 1/0, yes/no, on/off); fields=cpu_temp,memory answers only those top-level keys (an unknown name is a 400 listing the allowed ones).")
            .Produces<StatsResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest, "application/json")
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable, "application/json");
        return app;
    }

    // block and cache are declared so the OpenAPI document lists them; they are read from the query as StringValues,
    // so a repeated flag (block=true&block=false) is refused rather than silently taking one of its values.
    private static async Task<Results<FileContentHttpResult, JsonHttpResult<ErrorResponse>>> GetStatsAsync(
        HttpContext context,
        [FromQuery(Name = "block")] string? block,
        [FromQuery(Name = "cache")] string? cache,
        [FromQuery(Name = "fields")] string? fields,
        SnapshotStore store,
        SnapshotViews views,
        IOptions<SamplingOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        _ = block;
        _ = cache;
        _ = fields;
        IQueryCollection query = context.Request.Query;
        if (!StatsFields.TryParse(query, out string[]? selected, out string? problem)
            || !QueryValues.TryFlag(query, "block", false, out bool blockWindow, out problem)
            || !QueryValues.TryFlag(query, "cache", true, out bool useCache, out problem))
        {
            return ErrorResponse.Result(problem!, StatusCodes.Status400BadRequest, time);
        }

        if (!blockWindow && useCache && store.Latest is null)
        {
            return Unavailable.Answer(context, "No snapshot yet: the first one is being taken", time);
        }

        HardwareSnapshot snapshot;
        try
        {
            Task<HardwareSnapshot> pending = blockWindow ? store.GetBlockingAsync(cancellationToken)
                : useCache ? store.GetCachedAsync(options.Value.CacheMaxAge)
                : store.GetFreshAsync();
            snapshot = await pending.WaitAsync(SnapshotStore.CollectionLimit + (blockWindow ? TimeSpan.FromSeconds(1) : TimeSpan.Zero), time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return Unavailable.Answer(context, $"No snapshot within {SnapshotStore.CollectionLimit.TotalSeconds:0} s: the sampler is stalled", time);
        }

        byte[] body = views.Get(snapshot, StatsBody.View).At(time.GetUtcNow());
        return TypedResults.Bytes(selected is null ? body : StatsFields.Select(body, selected), "application/json; charset=utf-8");
    }

}
