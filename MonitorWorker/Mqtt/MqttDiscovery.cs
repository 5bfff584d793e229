using System.Buffers;
using System.Text.Json;
using HardwareProbes.Snapshots;

namespace MonitorWorker.Mqtt;

/// <summary>
/// The agent's topics and Home Assistant's MQTT discovery messages: for each entity a retained config on
/// <c>&lt;discovery&gt;/&lt;component&gt;/&lt;node&gt;/&lt;key&gt;/config</c> naming the state topic, the value's template, the
/// unit and classes, the availability topic and the device (its identifiers from the node id, which comes from the
/// machine's serial or machine id, not its hostname).
/// </summary>
public sealed class MqttDiscovery(MqttOptions options, string nodeId, string nodeName, string? configurationUrl)
{
    /// <summary>Gets the node's id: the topic level and the base of every unique_id.</summary>
    public string NodeId { get; } = nodeId;

    public string StateTopic => $"{options.Prefix}/{NodeId}/state";

    public string AvailabilityTopic => $"{options.Prefix}/{NodeId}/availability";

    public string EventTopic => $"{options.Prefix}/{NodeId}/event";

    /// <summary>Gets a value indicating whether discovery is published (PISTAT_MQTT_DISCOVERY_PREFIX not empty).</summary>
    public bool Enabled => options.DiscoveryPrefix.Length > 0;

    public string ConfigTopic(MqttEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return $"{options.DiscoveryPrefix}/{entity.Component}/{NodeId}/{entity.Key}/config";
    }

    /// <summary>An entity's discovery config, as JSON.</summary>
    public byte[] Config(MqttEntity entity, HardwareSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(snapshot);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, MqttEntities.Relaxed))
        {
            json.WriteStartObject();
            json.WriteString("name", entity.Name);
            json.WriteString("unique_id", $"{NodeId}_{entity.Key}");
            json.WriteString("state_topic", StateTopic);
            json.WriteString("value_template", $"{{{{ value_json.{entity.Key} }}}}");
            json.WriteString("availability_topic", AvailabilityTopic);
            json.WriteString("payload_available", "online");
            json.WriteString("payload_not_available", "offline");
            Optional(json, "unit_of_measurement", entity.Unit);
            Optional(json, "device_class", entity.DeviceClass);
            Optional(json, "state_class", entity.StateClass);
            Optional(json, "entity_category", entity.Category);
            if (entity.Component == "binary_sensor")
            {
                json.WriteString("payload_on", "ON");
                json.WriteString("payload_off", "OFF");
            }

            json.WriteStartObject("device");
            json.WriteStartArray("identifiers");
            json.WriteStringValue(NodeId);
            json.WriteEndArray();
            json.WriteString("name", nodeName);
            Optional(json, "model", snapshot.Identity.Model ?? snapshot.Identity.CpuModel);
            Optional(json, "manufacturer", MqttEntities.Manufacturer(snapshot.Identity));
            json.WriteString("sw_version", Service.ServiceIdentity.Version);
            Optional(json, "configuration_url", configurationUrl);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
