using System.Text.Json.Serialization;
using MonitorWorker.Json;

namespace MonitorWorker.Errors;

/// <summary>Source-generated JSON for the error body, with the service's conventions (<see cref="JsonContexts"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(FiniteNumberConverter)])]
[JsonSerializable(typeof(ErrorResponse))]
public sealed partial class ErrorsJsonContext : JsonSerializerContext
{
    private static ErrorsJsonContext? _relaxed;

    /// <summary>Gets the context the service writes with: quotes and non-ASCII text unescaped (made on first use; a race makes two alike).</summary>
    public static ErrorsJsonContext Relaxed => _relaxed ??= new(JsonContexts.Relaxed(Default.Options));
}
