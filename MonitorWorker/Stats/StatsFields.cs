using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MonitorWorker.Http;
using MonitorWorker.Json;

namespace MonitorWorker.Stats;

/// <summary>
/// <c>/stats?fields=cpu_temp,memory</c>, as piStat's newer API has it: only the named top-level keys, in the body's
/// order. The names are checked against the body's own keys before anything is read, so a typo is a 400 that lists
/// them; without <c>fields</c> the cached body is served as it is.
/// </summary>
internal static class StatsFields
{
    /// <summary>The top-level keys of <c>/stats</c>, as serialised.</summary>
    public static IReadOnlyList<string> Allowed { get; } = [.. ((JsonTypeInfo)StatsJsonContext.Relaxed.StatsResponse).Properties.Select(p => p.Name)];

    /// <summary>Reads the <c>fields</c> query: null when absent, else the names; false with the reason when a name is unknown or the value is empty or repeated.</summary>
    public static bool TryParse(IQueryCollection query, out string[]? fields, out string? problem)
    {
        if (!QueryValues.TrySplitList(query, "fields", out fields, out problem))
        {
            return false;
        }

        if (fields is null)
        {
            return true;
        }

        string[] unknown = [.. fields.Where(n => !Allowed.Contains(n, StringComparer.Ordinal))];
        if (fields.Length == 0 || unknown.Length > 0)
        {
            problem = (fields.Length == 0 ? "fields: no key named" : $"fields: unknown {string.Join(", ", unknown.Select(u => $"'{u}'"))}")
                + $"; allowed: {string.Join(", ", Allowed)}";
            fields = null;
            return false;
        }

        return true;
    }

    /// <summary>The body with only <paramref name="fields"/> among its top-level keys.</summary>
    public static byte[] Select(byte[] body, string[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        using JsonDocument document = JsonDocument.Parse(body);
        var output = new ArrayBufferWriter<byte>(body.Length);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (fields.Contains(property.Name, StringComparer.Ordinal))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }
}
