using System.Text.Json;
using System.Text.Json.Serialization;
using MonitorWorker.Stats;

namespace MonitorWorker.Stats;

/// <summary>
/// Writes <see cref="NetworkStats"/> in piStat's shape: one property per interface beside <c>active_connections</c>,
/// <c>{"eth0": {...}, "wlan0": {...}, "active_connections": 4}</c>.
/// </summary>
internal sealed class NetworkStatsConverter : JsonConverter<NetworkStats>
{
    public override NetworkStats Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var interfaces = new Dictionary<string, InterfaceStats>(StringComparer.Ordinal);
        int? active = null;
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        foreach (JsonProperty property in document.RootElement.EnumerateObject())
        {
            if (property.Name == "active_connections")
            {
                active = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.GetInt32();
            }
            else
            {
                interfaces[property.Name] = property.Value.Deserialize(StatsJsonContext.Relaxed.InterfaceStats)!;
            }
        }

        return new NetworkStats(interfaces, active);
    }

    public override void Write(Utf8JsonWriter writer, NetworkStats value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach ((string name, InterfaceStats stats) in value.Interfaces)
        {
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, stats, StatsJsonContext.Relaxed.InterfaceStats);
        }

        writer.WritePropertyName("active_connections");
        if (value.ActiveConnections is int active)
        {
            writer.WriteNumberValue(active);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteEndObject();
    }
}
