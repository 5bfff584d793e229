using System.Text.Json.Serialization;
using MonitorWorker.Json;

namespace MonitorWorker.Health;

/// <summary>Source-generated JSON for <c>/health</c>, with the service's conventions (<see cref="JsonContexts"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(FiniteNumberConverter)])]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class HealthJsonContext : JsonSerializerContext
{
    private static HealthJsonContext? _relaxed;

    /// <summary>Gets the context the service writes with: quotes and non-ASCII text unescaped (made on first use; a race makes two alike).</summary>
    public static HealthJsonContext Relaxed => _relaxed ??= new(JsonContexts.Relaxed(Default.Options));
}
