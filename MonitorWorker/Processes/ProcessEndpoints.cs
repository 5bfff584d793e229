using HardwareProbes;
using HardwareProbes.RunningProcesses;
using Microsoft.AspNetCore.Http.HttpResults;
using MonitorWorker.Errors;
using MonitorWorker.Http;
using MonitorWorker.Json;
using MonitorWorker.Sampling;
using MonitorWorker.Service;

namespace MonitorWorker.Processes;

/// <summary>
/// <c>/api/processes</c> and piStat's <c>/processes</c>: the top processes by CPU, memory, name, pid or running time,
/// read from <c>/proc</c> only while someone asks (see <see cref="ProcessWatch"/>); and the spike detector, which
/// reads them when CPU or memory stays high.
/// </summary>
public static class ProcessEndpoints
{
    public static IServiceCollection AddProcesses(this IServiceCollection services, ProcessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(provider => new ProcessWatch(
            new ProcessCollector(new System.IO.Abstractions.FileSystem(), provider.GetRequiredService<ProbeOptions>(), provider.GetRequiredService<TimeProvider>()),
            provider.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(options.ProcessIntervalSeconds)));
        services.AddSingleton(new SpikeThresholds(options.SpikeCpuPercent, options.SpikeMemoryPercent, options.SpikeSamples));
        services.AddSingleton<SpikeDetector>();
        services.AddSingleton<ISnapshotSubscriber>(provider => provider.GetRequiredService<SpikeDetector>());
        return services;
    }

    public static IEndpointRouteBuilder MapProcesses(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/api/processes", ReadMethods.GetAndHead, GetProcessesAsync)
            .WithName("GetProcesses")
            .WithSummary("The top processes by CPU, memory, name, pid or running time")
            .WithDescription("Query: sort (cpu, memory, name, pid, time; default cpu), limit (1 to 100, default 10; larger is cut to 100). Collected only while asked for, at most once per PISTAT_PROCESS_INTERVAL_SECONDS.")
            .Produces<ProcessesResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest, "application/json");
        app.MapMethods("/processes", ReadMethods.GetAndHead, GetPiStatProcessesAsync)
            .WithName("GetPiStatProcesses")
            .WithSummary("piStat's process list")
            .WithDescription("piStat's /processes: the same query as /api/processes, its six fields per process.")
            .Produces<PiStatProcessesResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest, "application/json");
        return app;
    }

    private static async Task<Results<JsonHttpResult<ProcessesResponse>, JsonHttpResult<ErrorResponse>>> GetProcessesAsync(
        HttpContext context, ProcessWatch watch, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ProcessQuery.TryParse(context.Request.Query, out ProcessQuery? query, out string? error))
        {
            return ErrorResponse.Result(error, StatusCodes.Status400BadRequest, time);
        }

        ProcessTable table = await watch.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var response = new ProcessesResponse(
            Timestamps.UnixSeconds(table.Timestamp),
            table.WindowSeconds is double w ? Math.Round(w, 3) : null,
            table.Processes.Count,
            table.Skipped,
            table.Failure,
            ProcessQuery.SortNames[(int)query.Sort],
            [.. table.Top(query.Sort, query.Limit).Select(ProcessStats.From)]);
        return TypedResults.Json(response, ProcessesJsonContext.Relaxed.ProcessesResponse);
    }

    private static async Task<Results<JsonHttpResult<PiStatProcessesResponse>, JsonHttpResult<ErrorResponse>>> GetPiStatProcessesAsync(
        HttpContext context, ProcessWatch watch, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ProcessQuery.TryParse(context.Request.Query, out ProcessQuery? query, out string? error))
        {
            return ErrorResponse.Result(error, StatusCodes.Status400BadRequest, time);
        }

        ProcessTable table = await watch.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var response = new PiStatProcessesResponse([.. table.Top(query.Sort, query.Limit).Select(PiStatProcess.From)], Timestamps.UnixSeconds(table.Timestamp));
        return TypedResults.Json(response, ProcessesJsonContext.Relaxed.PiStatProcessesResponse);
    }
}
