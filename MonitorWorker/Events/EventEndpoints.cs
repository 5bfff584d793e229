using HardwareProbes.Snapshots;
using Microsoft.AspNetCore.Http.HttpResults;
using MonitorWorker.Errors;
using MonitorWorker.History;
using MonitorWorker.Http;
using MonitorWorker.Json;
using MonitorWorker.Sampling;
using MonitorWorker.Service;

namespace MonitorWorker.Events;

/// <summary>
/// The event log in RAM (<see cref="EventLog"/>), written by comparing each background sample with the one before,
/// and <c>/api/events</c>. Cost: a few comparisons per sample (no allocation unless something happened) and at most
/// <see cref="EventLog.Capacity"/> events.
/// </summary>
public static class EventEndpoints
{
    /// <summary>Events per page.</summary>
    public const int PageSize = 100;

    /// <summary>Registers the log and its recorder as a snapshot subscriber.</summary>
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddSingleton<EventLog>();
        services.AddSingleton(provider => new EventRecorder(provider.GetRequiredService<EventLog>(), provider.GetRequiredService<StartTime>().At));
        services.AddSingleton<ISnapshotSubscriber, Subscriber>();
        return services;
    }

    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/api/events", ReadMethods.GetAndHead, GetEvents)
            .WithName("GetEvents")
            .WithTags("History")
            .WithSummary("What happened, oldest first: Pi conditions starting and ending, sticky bits first seen, tegrastats restarts and absence, sources failing and recovering, agent start")
            .WithDescription("Query: start and end (Unix seconds; default everything kept), kind (comma-separated kinds), page (from 1; 100 events a page).")
            .Produces<EventsResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest, "application/json");
        return app;
    }

    private static Results<JsonHttpResult<EventsResponse>, JsonHttpResult<ErrorResponse>> GetEvents(HttpContext context, EventLog log, TimeProvider time)
    {
        IQueryCollection query = context.Request.Query;
        long now = time.GetUtcNow().ToUnixTimeSeconds();
        if (!QueryValues.TryWholeNumber(query, "end", now, 0, long.MaxValue, out long end, out string? error)
            || !QueryValues.TryWholeNumber(query, "start", 0, 0, long.MaxValue, out long start, out error)
            || !QueryValues.TryWholeNumber(query, "page", 1, 1, int.MaxValue, out long page, out error)
            || !QueryValues.TryList(query, "kind", EventKinds.All, out string[]? kinds, out error))
        {
            return ErrorResponse.Result(error!, StatusCodes.Status400BadRequest, time);
        }

        if (start > end)
        {
            return ErrorResponse.Result($"start ({start}) is after end ({end})", StatusCodes.Status400BadRequest, time);
        }

        AgentEvent[] matching = [.. log.All().Where(e => e.Time >= start && e.Time <= end && (kinds is null || kinds.Contains(e.Kind)))];
        int totalPage = Math.Max(1, (matching.Length + PageSize - 1) / PageSize);
        AgentEvent[] events = [.. matching.Skip((int)Math.Min(int.MaxValue, (page - 1) * PageSize)).Take(PageSize)];
        string Url(long p) => $"{context.Request.Path}?start={start}&end={end}{(kinds is not null ? "&kind=" + Uri.EscapeDataString(string.Join(',', kinds)) : string.Empty)}&page={p}";
        var response = new EventsResponse(
            events,
            matching.Length,
            (int)page,
            totalPage,
            page > 1 ? Url(Math.Min(page - 1, totalPage)) : null,
            page < totalPage ? Url(page + 1) : null);
        return TypedResults.Json(response, EventsJsonContext.Relaxed.EventsResponse);
    }

    /// <summary>Each background sample is compared with the one before.</summary>
    private sealed class Subscriber(EventRecorder recorder) : ISnapshotSubscriber
    {
        public void OnSnapshot(HardwareSnapshot snapshot) => recorder.Record(snapshot);
    }
}

/// <summary><c>/api/events</c>: one page of events, oldest first, paginated like <c>/api/history</c>.</summary>
public sealed record EventsResponse(AgentEvent[] Events, int Total, int Page, int TotalPage, string? PrevUrl, string? NextUrl);
