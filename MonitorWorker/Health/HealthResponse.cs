using System.Text.Json.Serialization;

namespace MonitorWorker.Health;

/// <summary>
/// The <c>/health</c> body. <c>/health</c> is the one endpoint open without the API key, so with a key set and not
/// presented it says only how the agent is (<c>status</c>, <c>hostname</c>, <c>timestamp</c>, <c>checks</c>); the rest is
/// for holders of the key, or for everyone when no key is set. No field holds a path or a setting: a check's description
/// names the failing part, and the details (paths included) are in <c>/stats</c> <c>sources</c>, behind the key.
/// </summary>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>.</param>
/// <param name="Hostname">The machine's name, as the dashboard and the fleet view show it.</param>
/// <param name="Timestamp">When the answer was made, ISO 8601 UTC.</param>
/// <param name="Checks">Each health check's status and, when not healthy, why.</param>
/// <param name="Service">The service's name, <c>pi-stat</c>.</param>
/// <param name="Version">The agent's version.</param>
/// <param name="SystemUptimeSeconds">Seconds since the machine booted (<c>/proc/uptime</c>); absent while unknown.</param>
/// <param name="AgentUptimeSeconds">Seconds since this agent started.</param>
/// <param name="ConnectedClients">Live-push clients connected (WebSocket, SSE, Socket.IO).</param>
public sealed record HealthResponse(
    string Status,
    string Hostname,
    string Timestamp,
    IReadOnlyDictionary<string, HealthCheckEntry> Checks,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Service,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? SystemUptimeSeconds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? AgentUptimeSeconds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ConnectedClients);

/// <summary>One check: its status and, when not healthy, why.</summary>
public sealed record HealthCheckEntry(string Status, string? Description);
