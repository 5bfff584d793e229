using System.Text.Json.Serialization;
using MonitorWorker.Json;

namespace MonitorWorker.Processes;

/// <summary>Source-generated JSON for the process lists, with the service's conventions (<see cref="JsonContexts"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(FiniteNumberConverter)])]
[JsonSerializable(typeof(ProcessesResponse))]
[JsonSerializable(typeof(PiStatProcessesResponse))]
public sealed partial class ProcessesJsonContext : JsonSerializerContext
{
    private static ProcessesJsonContext? _relaxed;

    /// <summary>Gets the context the service writes with: quotes and non-ASCII text unescaped (made on first use; a race makes two alike).</summary>
    public static ProcessesJsonContext Relaxed => _relaxed ??= new(JsonContexts.Relaxed(Default.Options));
}
