namespace MonitorWorker.Health;

/// <summary>The <c>/health</c> body; <c>hostname</c> is the machine's name, as the dashboard and the fleet view show it.</summary>
public sealed record HealthResponse(
    string Status,
    double? Uptime,
    string Service,
    string Version,
    string Timestamp,
    int ConnectedClients,
    IReadOnlyDictionary<string, HealthCheckEntry> Checks,
    string Hostname);

/// <summary>One check: its status and, when not healthy, why.</summary>
public sealed record HealthCheckEntry(string Status, string? Description);
