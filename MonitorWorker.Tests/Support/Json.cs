using System.Text.Json;

namespace MonitorWorker.Tests;

/// <summary>Small helpers for asserting on JSON bodies.</summary>
internal static class Json
{
    public static JsonElement Parse(string body) => JsonDocument.Parse(body).RootElement.Clone();

    /// <summary>
    /// The element at a dotted path. A key may itself hold dots (a mount point such as <c>/tmp/tmp.Dpej/fixtures</c>): at
    /// each level the longest run of parts that names a property wins.
    /// </summary>
    public static JsonElement At(this JsonElement element, string path)
    {
        string[] parts = path.Split('.');
        for (int i = 0; i < parts.Length;)
        {
            int taken = 0;
            for (int count = parts.Length - i; count >= 1 && taken == 0; count--)
            {
                if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(string.Join('.', parts, i, count), out JsonElement child))
                {
                    element = child;
                    taken = count;
                }
            }

            Assert.AreNotEqual(0, taken, $"no '{parts[i]}' in {path}: {element}");
            i += taken;
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
