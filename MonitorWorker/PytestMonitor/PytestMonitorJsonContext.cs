using System.Text.Json.Serialization;
using MonitorWorker.Json;

namespace MonitorWorker.PytestMonitor;

/// <summary>Source-generated JSON for the pytest-monitor server's bodies, with the service's conventions (<see cref="JsonContexts"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(FiniteNumberConverter)])]
[JsonSerializable(typeof(MachineContext))]
[JsonSerializable(typeof(StoredContext))]
[JsonSerializable(typeof(StoredSession))]
[JsonSerializable(typeof(StoredMetric))]
[JsonSerializable(typeof(ContextPage))]
[JsonSerializable(typeof(SessionPage))]
[JsonSerializable(typeof(MetricPage))]
[JsonSerializable(typeof(CountResponse))]
public sealed partial class PytestMonitorJsonContext : JsonSerializerContext
{
    private static PytestMonitorJsonContext? _relaxed;

    /// <summary>Gets the context the service writes with: quotes and non-ASCII text unescaped (made on first use; a race makes two alike).</summary>
    public static PytestMonitorJsonContext Relaxed => _relaxed ??= new(JsonContexts.Relaxed(Default.Options));
}
