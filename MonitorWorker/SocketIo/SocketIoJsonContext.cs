using System.Text.Json.Serialization;
using MonitorWorker.Json;

namespace MonitorWorker.SocketIo;

/// <summary>Source-generated JSON for the strings inside Socket.IO and Engine.IO messages, with the service's conventions (<see cref="JsonContexts"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(FiniteNumberConverter)])]
[JsonSerializable(typeof(string))]
public sealed partial class SocketIoJsonContext : JsonSerializerContext
{
    private static SocketIoJsonContext? _relaxed;

    /// <summary>Gets the context the service writes with: quotes and non-ASCII text unescaped (made on first use; a race makes two alike).</summary>
    public static SocketIoJsonContext Relaxed => _relaxed ??= new(JsonContexts.Relaxed(Default.Options));
}
