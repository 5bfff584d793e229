using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MonitorWorker.Configuration;
using MonitorWorker.Errors;
using MonitorWorker.History;
using MonitorWorker.Http;
using MonitorWorker.Json;
using MonitorWorker.Sampling;
using MonitorWorker.Service;
using MonitorWorker.Stats;

namespace MonitorWorker.Fleet;

/// <summary>
/// The fleet: this node and every PISTAT_PEERS agent in the spore-gateway document at <c>/api/monitoring/resources</c>.
/// The peers are polled in the background (<see cref="FleetPoller"/>); an answer reads what the last round left, so a
/// dead or hanging peer never delays it. Cost with no peers: nothing.
/// </summary>
public static class FleetEndpoints
{
    /// <summary>Registers the poller of PISTAT_PEERS.</summary>
    public static IServiceCollection AddFleet(this IServiceCollection services, FleetOptions options)
    {
        services.AddFeatureOptions(options);
        services.AddSingleton<FleetPoller>();
        services.AddHostedService(provider => provider.GetRequiredService<FleetPoller>());
        if (options.Peers.Any(PeerParser.IsExposition))
        {
            services.AddSingleton<Metrics.IMetricsAppendix, ExpositionWriter>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapFleet(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/api/monitoring/resources", ReadMethods.GetAndHead, GetResources)
            .WithName("GetFleetResources")
            .WithTags("Fleet")
            .WithSummary("This node and every PISTAT_PEERS agent in the spore-gateway shape: nodes (this one first; unreachable peers with status, last_seen and error) and a summary over the reachable ones")
            .Produces<FleetResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable, "application/json");
        app.MapMethods("/api/monitoring/trends", ReadMethods.GetAndHead, GetTrends)
            .WithName("GetFleetTrends")
            .WithTags("Fleet")
            .WithSummary("Each node's recent CPU usage and temperature (this node from its history, each peer from its polls), in the order of /api/monitoring/resources, for sparklines")
            .Produces<FleetTrends>(StatusCodes.Status200OK, "application/json");
        return app;
    }

    /// <summary>The document for this node's snapshot and the peers' newest nodes.</summary>
    public static FleetResponse Build(FleetNode self, IReadOnlyList<FleetNode> peers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(peers);
        FleetNode[] nodes = [self, .. peers];
        FleetNode[] reachable = [.. nodes.Where(n => n.Status == "ok")];
        static double? Average(IEnumerable<double?> values) => values.OfType<double>().ToArray() is { Length: > 0 } v ? v.Average() : null;
        var summary = new FleetSummary(
            TotalNodes: nodes.Length,
            ReachableNodes: reachable.Length,
            AvgCpuUsagePercent: Average(reachable.Select(n => n.Cpu.UsagePercent)),
            AvgMemoryUsagePercent: Average(reachable.Select(n => n.Memory.UsagePercent)),
            AvgFlashUsagePercent: Average(reachable.Select(n => n.Flash.UsagePercent)),
            TotalBytesSent: reachable.Aggregate(0UL, (sum, n) => sum + (n.Network.BytesSent ?? 0)),
            TotalBytesReceived: reachable.Aggregate(0UL, (sum, n) => sum + (n.Network.BytesReceived ?? 0)));
        return new FleetResponse(Timestamps.Format(now), nodes, summary);
    }

    /// <summary>This node's trend from its own history: the same span and step as a peer's ring.</summary>
    public static FleetTrend SelfTrend(HistoryStore history, long step, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(history);
        long end = now.ToUnixTimeSeconds();
        var query = new HistoryQuery([HistorySeriesNames.CpuUsage, HistorySeriesNames.CpuTemperature], end - (step * TrendRing.Capacity), end, step, 1, Csv: false);
        HistoryResponse answer = HistoryReader.Answer(history, query, "/api/history");
        double?[] Column(string name) => answer.Series.TryGetValue(name, out HistorySeries? s) ? [.. s.Avg.Select(v => v is float f ? Math.Round(f, 2) : (double?)null)] : new double?[answer.Timestamps.Length];
        return new FleetTrend(null, answer.Timestamps, Column(HistorySeriesNames.CpuUsage), Column(HistorySeriesNames.CpuTemperature));
    }

    private static JsonHttpResult<FleetTrends> GetTrends(HistoryStore history, FleetPoller poller, IOptions<FleetOptions> options, TimeProvider time)
    {
        long step = TrendRing.StepSeconds(options.Value.PeerIntervalSeconds);
        FleetTrend[] nodes = [SelfTrend(history, step, time.GetUtcNow()), .. poller.Trends];
        return TypedResults.Json(new FleetTrends(step, nodes), FleetJsonContext.Relaxed.FleetTrends);
    }

    private static Results<JsonHttpResult<FleetResponse>, JsonHttpResult<ErrorResponse>> GetResources(HttpContext context, SnapshotStore store, SnapshotViews views, FleetPoller poller, TimeProvider time)
    {
        if (store.Latest is not { } snapshot)
        {
            return Unavailable.Answer(context, "No data available", time);
        }

        // This node goes through the same reading as a pi-stat peer: its own /stats body.
        DateTimeOffset now = time.GetUtcNow();
        using var stats = JsonDocument.Parse(views.Get(snapshot, StatsBody.View).At(now));
        FleetNode self = PeerParser.FromStats(stats.RootElement, PeerParser.Self, null, now) with { Url = null };
        return TypedResults.Json(Build(self, poller.Nodes, now), FleetJsonContext.Relaxed.FleetResponse);
    }
}
