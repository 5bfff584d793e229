using System.Text.Json.Serialization;
using MonitorWorker.Json;

namespace MonitorWorker.Events;

/// <summary>Source-generated JSON for <c>/api/events</c>, with the service's conventions (<see cref="JsonContexts"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(FiniteNumberConverter)])]
[JsonSerializable(typeof(EventsResponse))]
public sealed partial class EventsJsonContext : JsonSerializerContext
{
    private static EventsJsonContext? _relaxed;

    /// <summary>Gets the context the service writes with: quotes and non-ASCII text unescaped (made on first use; a race makes two alike).</summary>
    public static EventsJsonContext Relaxed => _relaxed ??= new(JsonContexts.Relaxed(Default.Options));
}
