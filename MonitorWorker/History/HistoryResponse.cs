namespace MonitorWorker.History;

/// <summary>
/// <c>/api/history</c>: columns a chart plots directly — one array of Unix-second timestamps, and per series its unit,
/// its averages and, on the coarse tiers, its minima and maxima (null where there is no value) — paginated like the
/// pytest-monitor server.
/// </summary>
public sealed record HistoryResponse(
    string Tier,
    long Step,
    long Start,
    long End,
    long[] Timestamps,
    Dictionary<string, HistorySeries> Series,
    int Page,
    int TotalPage,
    string? PrevUrl,
    string? NextUrl,
    HistoryMemory Memory);

/// <summary>One series' column: unit and values aligned with the timestamps.</summary>
public sealed record HistorySeries(string Unit, float?[] Avg, float?[]? Min, float?[]? Max);

/// <summary>What the history costs: series kept, the most kept, bytes per series and in all.</summary>
public sealed record HistoryMemory(int Series, int MaxSeries, long BytesPerSeries, long Bytes);
