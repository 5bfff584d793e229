using System.Text.Json.Serialization;
using MonitorWorker.Json;

namespace MonitorWorker.Fleet;

/// <summary>Source-generated JSON for the fleet's bodies, with the service's conventions (<see cref="JsonContexts"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(FiniteNumberConverter)])]
[JsonSerializable(typeof(FleetResponse))]
[JsonSerializable(typeof(FleetTrends))]
public sealed partial class FleetJsonContext : JsonSerializerContext
{
    private static FleetJsonContext? _relaxed;

    /// <summary>Gets the context the service writes with: quotes and non-ASCII text unescaped (made on first use; a race makes two alike).</summary>
    public static FleetJsonContext Relaxed => _relaxed ??= new(JsonContexts.Relaxed(Default.Options));
}
