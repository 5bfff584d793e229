using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MonitorWorker.Json;

/// <summary>
/// The service's JSON conventions, which every feature's source-generated context declares (snake_case, nulls written
/// as null, numbers always finite numbers) and creates its writing instance with: quotes and non-ASCII text unescaped.
/// Each feature owns its context beside its bodies and passes its type info to every write, so nothing reaches for
/// reflection (Native AOT has none).
/// </summary>
public static class JsonContexts
{
    /// <summary>A context's generated options with the relaxed encoder.</summary>
    public static JsonSerializerOptions Relaxed(JsonSerializerOptions generated) => new(generated)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Puts the features' contexts first in Minimal APIs' JSON options: typed results and the OpenAPI schemas read them.</summary>
    public static IServiceCollection AddJsonContexts(this IServiceCollection services, params IJsonTypeInfoResolver[] contexts)
        => services.ConfigureHttpJsonOptions(json =>
        {
            for (int i = contexts.Length - 1; i >= 0; i--)
            {
                json.SerializerOptions.TypeInfoResolverChain.Insert(0, contexts[i]);
            }
        });
}
