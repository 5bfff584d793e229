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
}
