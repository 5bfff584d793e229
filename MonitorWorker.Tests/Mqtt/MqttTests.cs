using System.Text.Json;
using MonitorWorker.Mqtt;

namespace MonitorWorker.Tests.Mqtt;

/// <summary>The agent and Debian's mosquitto: discovery checked against Home Assistant's documented keys, state, availability, the last will, a broker restart, TLS.</summary>
[TestClass]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MqttTests
{
    // Home Assistant's MQTT discovery: the keys each component documents (sensor.mqtt, binary_sensor.mqtt), the device
    // map's keys, and the values its classes take.
    private static readonly string[] CommonKeys =
    [
        "availability", "availability_mode", "availability_template", "availability_topic", "default_entity_id", "device", "enabled_by_default", "encoding",
        "entity_category", "entity_picture", "expire_after", "force_update", "icon", "json_attributes_template", "json_attributes_topic", "name", "object_id",
        "payload_available", "payload_not_available", "platform", "qos", "state_topic", "unique_id", "value_template",
    ];

    private static readonly Dictionary<string, string[]> ComponentKeys = new()
    {
        ["sensor"] = [.. CommonKeys, "device_class", "last_reset_value_template", "options", "state_class", "suggested_display_precision", "unit_of_measurement"],
        ["binary_sensor"] = [.. CommonKeys, "device_class", "off_delay", "payload_off", "payload_on"],
    };

    private static readonly string[] DeviceKeys =
        ["configuration_url", "connections", "hw_version", "identifiers", "manufacturer", "model", "model_id", "name", "serial_number", "suggested_area", "sw_version", "via_device"];

    private static readonly Dictionary<string, string[]> SensorUnits = new()
    {
        ["temperature"] = ["°C", "°F", "K"],
        ["voltage"] = ["V", "mV", "µV", "kV", "MV"],
        ["power"] = ["W", "kW", "MW", "GW", "TW", "mW", "BTU/h"],
        ["frequency"] = ["Hz", "kHz", "MHz", "GHz"],
        ["data_rate"] = ["bit/s", "kbit/s", "Mbit/s", "Gbit/s", "B/s", "kB/s", "MB/s", "GB/s", "KiB/s", "MiB/s", "GiB/s"],
        ["signal_strength"] = ["dB", "dBm"],
        ["duration"] = ["d", "h", "min", "s", "ms", "µs"],
        ["humidity"] = ["%"],
        ["pressure"] = ["cbar", "bar", "hPa", "mmHg", "inHg", "kPa", "mbar", "Pa", "psi"],
        ["illuminance"] = ["lx"],
        ["current"] = ["A", "mA"],
        ["battery"] = ["%"],
    };

    private static readonly string[] BinarySensorClasses =
    [
        "battery", "battery_charging", "carbon_monoxide", "cold", "connectivity", "door", "garage_door", "gas", "heat", "light", "lock", "moisture", "motion",
        "moving", "occupancy", "opening", "plug", "power", "presence", "problem", "running", "safety", "smoke", "sound", "tamper", "update", "vibration", "window",
    ];

    [TestMethod]
    public void TheBrokersUrl_IsParsed_AndItsLoginNeverShown()
    {
        Assert.IsTrue(MqttBroker.TryParse("mqtts://ha:p%40ss@broker.lan", out MqttBroker? tls, out _));
        Assert.AreEqual(("broker.lan", 8883, true, "ha", "p@ss"), (tls!.Host, tls.Port, tls.Tls, tls.User, tls.Password));
        Assert.AreEqual("mqtts://***@broker.lan", tls.Display);
        Assert.IsTrue(MqttBroker.TryParse("mqtt://10.0.0.2:1884", out MqttBroker? plain, out _));
        Assert.AreEqual((1884, false, null), (plain!.Port, plain.Tls, plain.User));
        foreach (string bad in new[] { "http://u:secret@host", "mqtt://u:secret@host/topic", "mqtt://" })
        {
            Assert.IsFalse(MqttBroker.TryParse(bad, out _, out string? error), bad);
            Assert.DoesNotContain("secret", error!);
        }
    }

    [TestMethod]
    public async Task Discovery_State_Availability_TheLastWillAfterAKill_AndDiscoveryAgainAfterABrokerRestart()
    {
        if (!Mosquitto.Installed)
        {
            Assert.Inconclusive("mosquitto is not installed (.ci/run installs it)");
        }

        await using Mosquitto broker = await Mosquitto.StartAsync();
        Mosquitto.Subscriber seen = broker.Subscribe("homeassistant/#", "pi-stat/#");
        Dictionary<string, string> environment = WorkerProcess.BoardEnvironment("raspberry-pi-4");
        environment["PISTAT_MQTT_URL"] = broker.Url;
        environment["PISTAT_MQTT_INTERVAL_SECONDS"] = "1";
        environment["PISTAT_SAMPLE_SECONDS"] = "1";

        string node;
        string output;
        await using (WorkerProcess agent = WorkerProcess.Start(environment))
        {
            await agent.WaitUntilServingAsync();
            await Eventually.UntilAsync(() => seen.Lines.Any(l => l.StartsWith("pi-stat/", StringComparison.Ordinal) && l.Contains("/state {", StringComparison.Ordinal)), "a state message");
            node = seen.Lines.First(l => l.Contains("/state {", StringComparison.Ordinal)).Split('/')[1];
            StringAssert.StartsWith(node, "pistat_");
            Assert.AreEqual("online", seen.On($"pi-stat/{node}/availability").Last());

            JsonElement state = Json.Parse(seen.On($"pi-stat/{node}/state").Last());
            Dictionary<string, JsonElement> configs = seen.Lines.Where(l => l.StartsWith("homeassistant/", StringComparison.Ordinal))
                .Select(l => l.Split(' ', 2)).ToDictionary(p => p[0], p => Json.Parse(p[1]));
            AssertDiscovery(configs, node, state);
            Assert.AreEqual("ON", state.Text("under_voltage_since_boot"), "the fixture's sticky bits (0x50000)");
            Assert.AreEqual("OFF", state.Text("under_voltage"));
            Assert.IsTrue(state.Number("cpu_temperature") is > 0 and < 120);

            await agent.KillAsync();
            output = agent.Output;
        }

        await Eventually.UntilAsync(() => seen.On($"pi-stat/{node}/availability").LastOrDefault() == "offline", "the last will: offline");
        Assert.DoesNotContain(Mosquitto.Password, output);

        await using (WorkerProcess again = WorkerProcess.Start(environment))
        {
            await again.WaitUntilServingAsync();
            await Eventually.UntilAsync(() => seen.On($"pi-stat/{node}/availability").LastOrDefault() == "online", "online again, under the same node id");

            await broker.RestartAsync();
            Mosquitto.Subscriber after = broker.Subscribe("homeassistant/#", "pi-stat/#");
            await Eventually.UntilAsync(
                () => after.On($"pi-stat/{node}/availability").LastOrDefault() == "online"
                    && after.Lines.Count(l => l.StartsWith($"homeassistant/binary_sensor/{node}/", StringComparison.Ordinal)) == 8,
                "availability and discovery published again after the broker's restart (its retained messages were lost)");
            JsonElement health = Json.Parse(await new HttpClient { BaseAddress = again.BaseAddress }.GetStringAsync(new Uri("health", UriKind.Relative)));
            Assert.AreEqual("healthy", health.GetProperty("checks").GetProperty("mqtt").GetProperty("status").GetString());
        }
    }

    [TestMethod]
    public async Task APi5WithSensorChipsAndAUps_DiscoversEachSensorThePmicAndTheUps_WithValidClassesAndUnits()
    {
        if (!Mosquitto.Installed)
        {
            Assert.Inconclusive("mosquitto is not installed (.ci/run installs it)");
        }

        await using Mosquitto broker = await Mosquitto.StartAsync();
        await using NutServer nut = NutServer.Start("apc-back-ups-es-700.dev");
        Mosquitto.Subscriber seen = broker.Subscribe("homeassistant/#", "pi-stat/#");
        Dictionary<string, string> environment = WorkerProcess.BoardEnvironment("raspberry-pi-5");
        environment["PISTAT_MQTT_URL"] = broker.Url;
        environment["PISTAT_MQTT_INTERVAL_SECONDS"] = "1";
        environment["PISTAT_NUT_URL"] = nut.Url;
        environment["PISTAT_NUT_INTERVAL_SECONDS"] = "1";
        await using WorkerProcess agent = WorkerProcess.Start(environment);
        await agent.WaitUntilServingAsync();

        await Eventually.UntilAsync(
            () => seen.Lines.Any(l => l.Contains("/state {", StringComparison.Ordinal) && l.Contains("\"ups_charge\":100", StringComparison.Ordinal)),
            "a state message with the UPS read");
        string node = seen.Lines.First(l => l.Contains("/state {", StringComparison.Ordinal)).Split('/')[1];
        JsonElement state = Json.Parse(seen.On($"pi-stat/{node}/state").Last());
        Dictionary<string, JsonElement> configs = seen.Lines.Where(l => l.StartsWith("homeassistant/", StringComparison.Ordinal))
            .Select(l => l.Split(' ', 2)).ToDictionary(p => p[0], p => Json.Parse(p[1]));

        AssertDiscovery(configs, node, state, "Raspberry Pi 5", ["ups_line_power", "ups_low_battery"]);
        Assert.AreEqual(1007.16, state.Number("sensor_pressure_bme280_pressure"));
        Assert.AreEqual(46.25, state.Number("sensor_humidity_sht3x_humidity1"));
        Assert.AreEqual(4.26, state.Number("sensor_power_ina3221_vdd_5v_nvme"));
        Assert.AreEqual(JsonValueKind.Null, state.GetProperty("sensor_humidity_sht4x_humidity1").ValueKind, "104.2 % is no reading");
        Assert.AreEqual(5.07, state.Number("supply_voltage"));
        Assert.AreEqual(10.8, state.Number("power_estimate"));
        Assert.AreEqual(("ON", "OFF"), (state.Text("ups_line_power"), state.Text("ups_low_battery")));
        Assert.AreEqual("hPa", configs[$"homeassistant/sensor/{node}/sensor_pressure_bme280_pressure/config"].Text("unit_of_measurement"));
    }

    [TestMethod]
    public async Task OverTls_WithAPrivateCa_TheAgentConnectsAndPublishes()
    {
        if (!Mosquitto.Installed)
        {
            Assert.Inconclusive("mosquitto is not installed (.ci/run installs it)");
        }

        await using Mosquitto broker = await Mosquitto.StartAsync(tls: true);
        Mosquitto.Subscriber seen = broker.Subscribe("pi-stat/#");
        Dictionary<string, string> environment = WorkerProcess.BoardEnvironment("jetson-orin-nano");
        environment["PISTAT_MQTT_URL"] = broker.Url;
        environment["PISTAT_MQTT_CA_PATH"] = broker.CaPath;
        environment["PISTAT_MQTT_INTERVAL_SECONDS"] = "1";
        environment["PISTAT_MQTT_DISCOVERY_PREFIX"] = string.Empty;
        await using WorkerProcess agent = WorkerProcess.Start(environment);
        await agent.WaitUntilServingAsync();

        await Eventually.UntilAsync(() => seen.Lines.Any(l => l.Contains("/state {", StringComparison.Ordinal)), "a state message over TLS");
        JsonElement state = Json.Parse(seen.Lines.Last(l => l.Contains("/state {", StringComparison.Ordinal)).Split(' ', 2)[1]);
        Assert.IsTrue(state.TryGetProperty("gpu_load", out _), "a Jetson's readings");
        Assert.IsTrue(state.TryGetProperty("over_current", out _));
        Assert.IsFalse(seen.Lines.Any(l => l.StartsWith("homeassistant/", StringComparison.Ordinal)), "no discovery with an empty prefix");
        Assert.DoesNotContain(Mosquitto.Password, agent.Output);
    }

    /// <summary>Every config: only documented keys, the required ones, valid classes and units, tied to the node's device, and a key the state carries.</summary>
    private static void AssertDiscovery(Dictionary<string, JsonElement> configs, string node, JsonElement state, string model = "Raspberry Pi 4", string[]? extraBinary = null)
    {
        Assert.IsGreaterThanOrEqualTo(20, configs.Count, string.Join("\n", configs.Keys));
        string[] stateKeys = [.. state.EnumerateObject().Select(p => p.Name)];
        foreach ((string topic, JsonElement config) in configs)
        {
            string[] levels = topic.Split('/');
            Assert.HasCount(5, levels, topic);
            (string component, string key) = (levels[1], levels[3]);
            Assert.AreEqual(node, levels[2]);
            Assert.AreEqual("config", levels[4]);
            string[] keys = [.. config.EnumerateObject().Select(p => p.Name)];
            CollectionAssert.IsSubsetOf(keys, ComponentKeys[component], $"{topic}: {string.Join(", ", keys.Except(ComponentKeys[component]))}");
            foreach (string required in new[] { "name", "unique_id", "state_topic", "value_template", "availability_topic", "device" })
            {
                CollectionAssert.Contains(keys, required, $"{topic} has {required}");
            }

            Assert.AreEqual($"{node}_{key}", config.Text("unique_id"));
            Assert.AreEqual($"pi-stat/{node}/state", config.Text("state_topic"));
            Assert.AreEqual($"pi-stat/{node}/availability", config.Text("availability_topic"));
            Assert.AreEqual($"{{{{ value_json.{key} }}}}", config.Text("value_template"));
            CollectionAssert.Contains(stateKeys, key, $"the state carries {key}");
            JsonElement device = config.GetProperty("device");
            CollectionAssert.IsSubsetOf(device.EnumerateObject().Select(p => p.Name).ToArray(), DeviceKeys);
            Assert.AreEqual(node, device.GetProperty("identifiers")[0].GetString());
            Assert.AreEqual("Raspberry Pi Ltd", device.Text("manufacturer"));
            StringAssert.StartsWith(device.Text("model"), model);
            StringAssert.StartsWith(device.Text("configuration_url"), "http://");
            Assert.IsFalse(string.IsNullOrEmpty(device.Text("sw_version")));
            if (config.TryGetProperty("entity_category", out JsonElement category))
            {
                CollectionAssert.Contains(new[] { "config", "diagnostic" }, category.GetString());
            }

            if (component == "binary_sensor")
            {
                CollectionAssert.Contains(BinarySensorClasses, config.Text("device_class"));
                Assert.AreEqual(("ON", "OFF"), (config.Text("payload_on"), config.Text("payload_off")));
                CollectionAssert.Contains(new[] { "ON", "OFF" }, state.Text(key));
                continue;
            }

            CollectionAssert.Contains(new[] { "measurement", "total", "total_increasing" }, config.Text("state_class"), topic);
            if (config.TryGetProperty("device_class", out JsonElement deviceClass))
            {
                Assert.IsTrue(SensorUnits.TryGetValue(deviceClass.GetString()!, out string[]? units), $"{topic}: device class {deviceClass}");
                CollectionAssert.Contains(units, config.Text("unit_of_measurement"), topic);
            }
        }

        string[] binary = [.. configs.Keys.Where(t => t.Contains("/binary_sensor/", StringComparison.Ordinal)).Select(t => t.Split('/')[3]).Order(StringComparer.Ordinal)];
        CollectionAssert.AreEqual(
            ((string[])["freq_capped", "freq_capped_since_boot", "soft_temp_limit", "soft_temp_limit_since_boot", "throttled", "throttled_since_boot", "under_voltage", "under_voltage_since_boot", .. extraBinary ?? []]).Order(StringComparer.Ordinal).ToArray(),
            binary);
    }
}
