namespace MonitorWorker.Health;

/// <summary>The <c>/health</c> body.</summary>
public sealed record HealthResponse(
    string Status,
    double? Uptime,
    string Service,
    string Version,
    string Timestamp,
    int ConnectedClients,
    IReadOnlyDictionary<string, HealthCheckEntry> Checks);

/// <summary>One check: its status and, when not healthy, why.</summary>
public sealed record HealthCheckEntry(string Status, string? Description);
