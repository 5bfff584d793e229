using HardwareProbes.Snapshots;
using Microsoft.AspNetCore.Http.HttpResults;
using MonitorWorker.Configuration;
using MonitorWorker.Errors;
using MonitorWorker.Http;
using MonitorWorker.Json;
using MonitorWorker.Sampling;

namespace MonitorWorker.History;

/// <summary>
/// The history in RAM (<see cref="HistoryStore"/>), fed by every background sample, on disk (<see cref="HistoryDisk"/>)
/// unless PISTAT_HISTORY_MAX_MB is 0, and <c>/api/history</c>. Cost: one append per sample (no allocation),
/// <see cref="HistoryStore.BytesPerSeries"/> bytes per series kept, and a write every PISTAT_HISTORY_FLUSH_MINUTES.
/// </summary>
public static class HistoryEndpoints
{
    /// <summary>Registers the store, sized by PISTAT_HISTORY_SECONDS, and its recorder as a snapshot subscriber.</summary>
    public static IServiceCollection AddHistory(this IServiceCollection services, HistoryOptions options, SamplingOptions sampling)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddFeatureOptions(options);
        services.AddSingleton(new HistoryStore(options.HistorySeconds, sampling.SampleSeconds));
        services.AddSingleton<HistoryRecorder>();
        services.AddSingleton<ISnapshotSubscriber, Subscriber>();
        if (options.OnDisk)
        {
            // History/HistoryDisk: the data folder's history/, the event log's files, the flight recorder
            services.AddSingleton<HistoryDisk>();
            services.AddHostedService(provider => provider.GetRequiredService<HistoryDisk>());
        }

        services.AddSingleton(provider => new HistoryFiles(provider.GetService<HistoryDisk>()?.Archive));
        return services;
    }

    public static IEndpointRouteBuilder MapHistory(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/api/history", ReadMethods.GetAndHead, GetHistory)
            .WithName("GetHistory")
            .WithTags("History")
            .WithSummary("Series over time from RAM and disk: per sample, 1 min (30 days on disk) and 15 min (2 years on disk) tiers with min/avg/max")
            .WithDescription("Query: series (comma-separated names or globs with *), start and end (Unix seconds; default the last hour), step (seconds), page (from 1), format (json or csv).")
            .Produces<HistoryResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest, "application/json");
        return app;
    }

    private static Results<JsonHttpResult<HistoryResponse>, ContentHttpResult, JsonHttpResult<ErrorResponse>> GetHistory(HttpContext context, HistoryStore store, HistoryFiles files, TimeProvider time)
    {
        if (!HistoryQuery.TryParse(context.Request.Query, time.GetUtcNow(), out HistoryQuery? query, out string? error))
        {
            return ErrorResponse.Result(error!, StatusCodes.Status400BadRequest, time);
        }

        HistoryResponse response = HistoryReader.Answer(store, query!, context.Request.Path, files.Archive);
        return query!.Csv
            ? TypedResults.Text(HistoryReader.Csv(response), "text/csv; charset=utf-8")
            : TypedResults.Json(response, HistoryJsonContext.Relaxed.HistoryResponse);
    }

    /// <summary>Each background sample goes into the history.</summary>
    private sealed class Subscriber(HistoryRecorder recorder) : ISnapshotSubscriber
    {
        public void OnSnapshot(HardwareSnapshot snapshot) => recorder.Record(snapshot);
    }
}

/// <summary>The history's files for the readers, or none when it is kept in RAM only.</summary>
public sealed record HistoryFiles(HistoryArchive? Archive);
