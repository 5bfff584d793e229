using System.Text.Json.Serialization;
using MonitorWorker.Json;

namespace MonitorWorker.Stats;

/// <summary>Source-generated JSON for <c>/stats</c>, with the service's conventions (<see cref="JsonContexts"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(FiniteNumberConverter)])]
[JsonSerializable(typeof(StatsResponse))]
[JsonSerializable(typeof(InterfaceStats))]
public sealed partial class StatsJsonContext : JsonSerializerContext
{
    private static StatsJsonContext? _relaxed;

    /// <summary>Gets the context the service writes with: quotes and non-ASCII text unescaped (made on first use; a race makes two alike).</summary>
    public static StatsJsonContext Relaxed => _relaxed ??= new(JsonContexts.Relaxed(Default.Options));
}
