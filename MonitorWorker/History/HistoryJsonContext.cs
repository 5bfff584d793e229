using System.Text.Json.Serialization;
using MonitorWorker.Json;

namespace MonitorWorker.History;

/// <summary>Source-generated JSON for <c>/api/history</c>, with the service's conventions (<see cref="JsonContexts"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(FiniteNumberConverter)])]
[JsonSerializable(typeof(HistoryResponse))]
public sealed partial class HistoryJsonContext : JsonSerializerContext
{
    private static HistoryJsonContext? _relaxed;

    /// <summary>Gets the context the service writes with: quotes and non-ASCII text unescaped (made on first use; a race makes two alike).</summary>
    public static HistoryJsonContext Relaxed => _relaxed ??= new(JsonContexts.Relaxed(Default.Options));
}
