namespace MonitorWorker.Fleet;

/// <summary>
/// <c>/api/monitoring/resources</c>: the spore-gateway document. <c>timestamp</c> ISO-8601; one node per agent, this
/// one first; a summary over the nodes that answered. Serialised snake_case; a figure a node cannot give is null.
/// </summary>
public sealed record FleetResponse(string Timestamp, IReadOnlyList<FleetNode> Nodes, FleetSummary Summary);

/// <summary>
/// One node. The spore-gateway fields (<c>timestamp</c> Unix seconds, <c>node_ip</c>, <c>hostname</c>, <c>cpu</c>,
/// <c>memory</c>, <c>network</c>, <c>flash</c> — the first disk —, <c>labels</c>), then a Raspberry Pi's
/// <c>throttling</c> (null elsewhere) and where the node came from:
/// <c>status</c> (<c>ok</c> or <c>unreachable</c>), <c>source</c> (<c>self</c>, <c>pi-stat</c>, <c>pistat</c> for an
/// original piStat agent, <c>tegrastats-api</c>, <c>prometheus</c> for a board or exporter polled at a URL ending in <c>/metrics</c>),
/// <c>url</c>, <c>last_seen</c> (ISO-8601 of its last answer) and <c>error</c> (why the last poll failed); a
/// <c>prometheus</c> node's samples are in <c>gauges</c>, and so are a pi-stat node's sensor channels
/// (<c>sensor_&lt;quantity&gt;</c> with <c>chip</c>, <c>label</c> and <c>unit</c>); absent on a node with neither, so the spore
/// shape is unchanged. An
/// unreachable node keeps the readings of its last answer.
/// </summary>
public sealed record FleetNode(
    long? Timestamp,
    string? NodeIp,
    string? Hostname,
    FleetCpu Cpu,
    FleetStorage Memory,
    FleetNetwork Network,
    FleetStorage Flash,
    IReadOnlyDictionary<string, string> Labels,
    FleetThrottling Throttling,
    string Status,
    string? Source,
    string? Url,
    string? LastSeen,
    string? Error,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FleetGauge>? Gauges = null);

/// <summary>
/// One sample of a board that answers Prometheus text (source <c>prometheus</c>): its metric name, labels, value (null
/// for NaN or ±Inf, which JSON cannot carry) and type (<c>gauge</c>, <c>counter</c>, <c>untyped</c>, …).
/// </summary>
public sealed record FleetGauge(string Name, IReadOnlyDictionary<string, string> Labels, double? Value, string Type);

/// <summary>
/// A Raspberry Pi's <c>get_throttled</c> conditions: whether any (under-voltage, capping, throttling, soft temperature
/// limit) holds now, and whether any has occurred since boot; null where the node gives none.
/// </summary>
public sealed record FleetThrottling(bool? Now, bool? Occurred);

/// <summary>CPU: frequency in MHz, busy share in percent, temperature in °C.</summary>
public sealed record FleetCpu(double? FrequencyMhz, double? UsagePercent, double? TemperatureC);

/// <summary>Memory or a filesystem in bytes: free is what is available to use.</summary>
public sealed record FleetStorage(long? TotalBytes, long? FreeBytes, long? UsedBytes, double? UsagePercent);

/// <summary>
/// Totals over the node's interfaces other than <c>lo</c>; the signal of its first associated wireless interface in
/// dBm and as a quality: 2 × (dBm + 100) clamped to 0–100 (−50 dBm or better is 100 %, −100 dBm or worse is 0 %);
/// bytes per second over the same interfaces where the node gives rates (a pi-stat agent), else null.
/// </summary>
public sealed record FleetNetwork(ulong? BytesSent, ulong? BytesReceived, ulong? PacketsSent, ulong? PacketsReceived, int? RssiDbm, int? SignalQualityPercent, double? BytesSentPerSecond = null, double? BytesReceivedPerSecond = null);

/// <summary>
/// Over the nodes: how many there are and how many answered; averages of the answering nodes that give the figure;
/// traffic totals over them.
/// </summary>
public sealed record FleetSummary(
    int TotalNodes,
    int ReachableNodes,
    double? AvgCpuUsagePercent,
    double? AvgMemoryUsagePercent,
    double? AvgFlashUsagePercent,
    ulong TotalBytesSent,
    ulong TotalBytesReceived);
