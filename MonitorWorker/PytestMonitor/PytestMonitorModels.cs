namespace MonitorWorker.PytestMonitor;

/// <summary>A stored execution context, in the field names pytest-monitor sends and its server answers with.</summary>
public sealed record StoredContext(
    string H,
    int CpuCount,
    double CpuFrequency,
    string CpuType,
    string CpuVendor,
    long RamTotal,
    string MachineNode,
    string MachineType,
    string MachineArch,
    string SystemInfo,
    string PythonInfo);

/// <summary>One tag of a session's description.</summary>
public sealed record SessionTag(string Name, string Value);

/// <summary>A stored session: its hash, start, SCM reference and description as tags, as the pytest-monitor server answers.</summary>
public sealed record StoredSession(string SessionH, string RunDate, string ScmRef, IReadOnlyList<SessionTag> Tags);

/// <summary>A stored per-test metric, with what the agent saw while the test ran.</summary>
public sealed record StoredMetric(
    string SessionH,
    string ContextH,
    string ItemStartTime,
    string ItemPath,
    string Item,
    string ItemVariant,
    string ItemFsLoc,
    string Kind,
    string Component,
    double TotalTime,
    double UserTime,
    double KernelTime,
    double CpuUsage,
    double MemUsage,
    HardwareDuringTest Hardware);

/// <summary>A page of contexts; the URLs are null where there is no such page.</summary>
public sealed record ContextPage(IReadOnlyList<StoredContext> Contexts, string? PrevUrl, string? NextUrl, int TotalPage);

/// <summary>A page of sessions.</summary>
public sealed record SessionPage(IReadOnlyList<StoredSession> Sessions, string? PrevUrl, string? NextUrl, int TotalPage);

/// <summary>A page of metrics.</summary>
public sealed record MetricPage(IReadOnlyList<StoredMetric> Metrics, string? PrevUrl, string? NextUrl, int TotalPage);

/// <summary>How many there are.</summary>
public sealed record CountResponse(long Count);
