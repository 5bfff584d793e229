using System.Text.Json.Serialization;
using MonitorWorker.Json;

namespace MonitorWorker.PiStatApi;

/// <summary>Source-generated JSON for piStat's newer endpoints, with the service's conventions (<see cref="JsonContexts"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(FiniteNumberConverter)])]
[JsonSerializable(typeof(NetworkInterfacesResponse))]
[JsonSerializable(typeof(StorageDevicesResponse))]
[JsonSerializable(typeof(SystemConfigResponse))]
public sealed partial class PiStatApiJsonContext : JsonSerializerContext
{
    private static PiStatApiJsonContext? _relaxed;

    /// <summary>Gets the context the service writes with: quotes and non-ASCII text unescaped (made on first use; a race makes two alike).</summary>
    public static PiStatApiJsonContext Relaxed => _relaxed ??= new(JsonContexts.Relaxed(Default.Options));
}
