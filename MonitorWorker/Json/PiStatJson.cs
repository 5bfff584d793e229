using System.Text.Encodings.Web;
using System.Text.Json;

namespace MonitorWorker.Json;

/// <summary>The JSON context the service writes with: source-generated, and without escaping of quotes or non-ASCII text.</summary>
public static class PiStatJson
{
    public static PiStatJsonContext Context { get; } = new(new JsonSerializerOptions(PiStatJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Minimal APIs' typed results serialise with <see cref="Context"/> (no reflection, Native AOT safe).</summary>
    public static IServiceCollection AddPiStatJson(this IServiceCollection services)
        => services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, Context));
}
