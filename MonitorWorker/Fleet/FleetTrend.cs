namespace MonitorWorker.Fleet;

/// <summary>
/// <c>/api/monitoring/trends</c>: the recent CPU usage and temperature of every node, in the order of
/// <c>/api/monitoring/resources</c> (this node first), for the fleet page's sparklines. <c>step_seconds</c> is
/// PISTAT_PEER_INTERVAL_SECONDS; each node holds at most <see cref="TrendRing.Capacity"/> points.
/// </summary>
public sealed record FleetTrends(long StepSeconds, IReadOnlyList<FleetTrend> Nodes);

/// <summary>
/// One node's points: Unix seconds (the node's own clock), CPU busy share in percent and CPU temperature in °C, null
/// where the node gave none. <c>url</c> is the peer as PISTAT_PEERS names it, null for this node.
/// </summary>
public sealed record FleetTrend(string? Url, long[] Timestamps, double?[] CpuUsagePercent, double?[] TemperatureC)
{
    /// <summary>Gets a Prometheus board's first series (<c>name{label="value"}</c>), at the same times; absent on other nodes.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double?[]>? Gauges { get; init; }
}
