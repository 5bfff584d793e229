using System.ComponentModel.DataAnnotations;
using MonitorWorker.Configuration;
using static MonitorWorker.Configuration.SettingValues;

namespace MonitorWorker.Mqtt;

/// <summary>The MQTT broker the agent publishes to (for Home Assistant and anything else that reads MQTT), and how.</summary>
public sealed class MqttOptions
{
    /// <summary>Gets or sets the broker (PISTAT_MQTT_URL); null publishes nothing and loads nothing of MQTT.</summary>
    /// <value>The default value is null.</value>
    public MqttBroker? Broker { get; set; }

    /// <summary>Gets or sets a PEM file of the private CA that signed the broker's certificate (PISTAT_MQTT_CA_PATH); null for the system's trust store.</summary>
    /// <value>The default value is null.</value>
    public string? CaPath { get; set; }

    /// <summary>Gets or sets the seconds between two state messages (PISTAT_MQTT_INTERVAL_SECONDS).</summary>
    /// <value>The default value is 10 seconds.</value>
    [Range(1, 3600)]
    public int IntervalSeconds { get; set; } = 10;

    /// <summary>Gets or sets the first level of the agent's topics (PISTAT_MQTT_PREFIX): <c>&lt;prefix&gt;/&lt;node&gt;/state</c>.</summary>
    /// <value>The default value is pi-stat.</value>
    public string Prefix { get; set; } = "pi-stat";

    /// <summary>Gets or sets Home Assistant's discovery prefix (PISTAT_MQTT_DISCOVERY_PREFIX); empty publishes no discovery.</summary>
    /// <value>The default value is homeassistant.</value>
    public string DiscoveryPrefix { get; set; } = "homeassistant";

    /// <summary>Gets this feature's PISTAT_ variables.</summary>
    public static IReadOnlyList<Setting<MqttOptions>> Settings { get; } =
    [
        new("PISTAT_MQTT_URL", "mqtt://[user:password@]host[:port] (1883) or mqtts://… (TLS, 8883)", o => o.Broker?.Display ?? "(none)",
            (v, o) => MqttBroker.TryParse(v, out MqttBroker? broker, out string? error) ? Set(() => o.Broker = broker) : error)
        {
            Redact = RedactedUrl,
        },
        new("PISTAT_MQTT_CA_PATH", "a PEM file of the broker's CA", o => o.CaPath ?? "(the system's trust store)", (v, o) => File(v, x => o.CaPath = x)),
        new("PISTAT_MQTT_INTERVAL_SECONDS", "seconds from 1 to 3600", o => Show(o.IntervalSeconds),
            (v, o) => WholeNumber(v, 1, 3600, "is not a number of seconds", x => o.IntervalSeconds = x)),
        new("PISTAT_MQTT_PREFIX", "a topic level: letters, digits, - and _", o => o.Prefix,
            (v, o) => TopicLevel(v) ? Set(() => o.Prefix = v) : "is not one topic level (letters, digits, - and _; no /, + or #)"),
        new("PISTAT_MQTT_DISCOVERY_PREFIX", "a topic level, or empty for no Home Assistant discovery", o => o.DiscoveryPrefix.Length > 0 ? o.DiscoveryPrefix : "(empty: no discovery)",
            (v, o) => v.Length == 0 || TopicLevel(v) ? Set(() => o.DiscoveryPrefix = v) : "is not one topic level (letters, digits, - and _; no /, + or #)"),
    ];

    private static bool TopicLevel(string v) => v.Length is > 0 and <= 64 && v.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

/// <summary>PISTAT_MQTT_URL: host, port, TLS and login. <see cref="Display"/> shows the login as <c>***</c>.</summary>
public sealed record MqttBroker(string Host, int Port, bool Tls, string? User, string? Password, string Display)
{
    public static bool TryParse(string text, out MqttBroker? broker, out string? error)
    {
        broker = null;
        error = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url) || url.Scheme is not ("mqtt" or "mqtts") || url.Host.Length == 0)
        {
            error = $"'{RedactedUrl(text)}' is not mqtt://host[:port] or mqtts://host[:port]";
            return false;
        }

        if (url.AbsolutePath is not ("" or "/") || url.Query.Length > 0)
        {
            error = $"'{RedactedUrl(text)}' has a path or a query; the URL names only the broker";
            return false;
        }

        bool tls = url.Scheme == "mqtts";
        string[] login = url.UserInfo.Length > 0 ? url.UserInfo.Split(':', 2) : [];
        broker = new MqttBroker(
            url.Host,
            url.IsDefaultPort || url.Port < 0 ? (tls ? 8883 : 1883) : url.Port,
            tls,
            login.Length > 0 ? Uri.UnescapeDataString(login[0]) : null,
            login.Length > 1 ? Uri.UnescapeDataString(login[1]) : null,
            RedactedUrl(text));
        return true;
    }
}
