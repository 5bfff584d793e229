using System.Text.Json.Serialization;
using MonitorWorker.Json;

namespace MonitorWorker.TegrastatsApi;

/// <summary>Source-generated JSON for the Tegrastats API's bodies, with the service's conventions (<see cref="JsonContexts"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(FiniteNumberConverter)])]
[JsonSerializable(typeof(ApiStatusResponse))]
[JsonSerializable(typeof(ApiHealthResponse))]
[JsonSerializable(typeof(ApiCpuResponse))]
[JsonSerializable(typeof(ApiMemoryResponse))]
[JsonSerializable(typeof(ApiTemperatureResponse))]
[JsonSerializable(typeof(ApiPowerResponse))]
public sealed partial class TegrastatsApiJsonContext : JsonSerializerContext
{
    private static TegrastatsApiJsonContext? _relaxed;

    /// <summary>Gets the context the service writes with: quotes and non-ASCII text unescaped (made on first use; a race makes two alike).</summary>
    public static TegrastatsApiJsonContext Relaxed => _relaxed ??= new(JsonContexts.Relaxed(Default.Options));
}
