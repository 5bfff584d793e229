using System.Text.Json;

namespace MonitorWorker.Tests;

/// <summary>Small helpers for asserting on JSON bodies.</summary>
internal static class Json
{
    public static JsonElement Parse(string body) => JsonDocument.Parse(body).RootElement.Clone();

    public static JsonElement At(this JsonElement element, string path)
    {
        foreach (string part in path.Split('.'))
        {
            Assert.IsTrue(element.TryGetProperty(part, out JsonElement child), $"no '{part}' in {path}: {element}");
            element = child;
        }

        return element;
    }

    public static double? Number(this JsonElement element, string path)
        => element.At(path) is { ValueKind: JsonValueKind.Number } n ? n.GetDouble() : null;

    public static string? Text(this JsonElement element, string path)
        => element.At(path) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    public static bool? Flag(this JsonElement element, string path)
        => element.At(path).ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };

    public static bool IsNull(this JsonElement element, string path) => element.At(path).ValueKind == JsonValueKind.Null;

    public static double?[] Numbers(this JsonElement element, string path)
        => [.. element.At(path).EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : (double?)null)];

    public static string[] Keys(this JsonElement element, string path)
        => [.. element.At(path).EnumerateObject().Select(p => p.Name)];
}
