using System.Buffers;
using System.Text;
using System.Text.Json;
using HardwareProbes.Identity;
using HardwareProbes.RaspberryPi;
using HardwareProbes.Snapshots;

namespace MonitorWorker.Mqtt;

/// <summary>
/// One reading as Home Assistant sees it: its key in the state message (<c>value_json.&lt;key&gt;</c>), its component
/// (<c>sensor</c> or <c>binary_sensor</c>), its name, unit, <c>device_class</c>, <c>state_class</c> and
/// <c>entity_category</c>, and how it is read from a snapshot (a number, or a flag published as <c>ON</c>/<c>OFF</c>).
/// </summary>
public sealed record MqttEntity(
    string Key,
    string Component,
    string Name,
    string? Unit,
    string? DeviceClass,
    string? StateClass,
    string? Category,
    Func<HardwareSnapshot, double?>? Number,
    Func<HardwareSnapshot, bool?>? Flag);

/// <summary>The readings a board has, as <see cref="MqttEntity"/>s, and the state message that carries their values.</summary>
public static class MqttEntities
{
    /// <summary>How the messages are written: text such as °C as it is, not escaped.</summary>
    internal static readonly JsonWriterOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The entities of every reading <paramref name="snapshot"/> has (a value, or a source that should give one).</summary>
    public static IReadOnlyList<MqttEntity> Of(HardwareSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var entities = new List<MqttEntity>
        {
            Measure("cpu_usage", "CPU usage", "%", null, s => s.Cpu.UsagePercent),
            Measure("memory_used", "Memory used", "%", null, s => s.Memory?.Percent),
            Measure("load_1m", "Load (1 min)", null, null, s => s.LoadAverage?.OneMinute),
            Measure("load_5m", "Load (5 min)", null, null, s => s.LoadAverage?.FiveMinutes),
            Measure("load_15m", "Load (15 min)", null, null, s => s.LoadAverage?.FifteenMinutes),
            new("uptime", "sensor", "Uptime", "s", "duration", "total_increasing", "diagnostic", s => s.UptimeSeconds is double u ? Math.Round(u) : null, null),
        };
        if (snapshot.CpuTemperatureCelsius is not null)
        {
            entities.Add(Measure("cpu_temperature", "CPU temperature", "°C", "temperature", s => s.CpuTemperatureCelsius));
        }

        foreach (var t in snapshot.Temperatures)
        {
            string key = t.Key;
            entities.Add(Measure("temp_" + Slug(key), $"Temperature {key}", "°C", "temperature", s => s.Temperatures.FirstOrDefault(x => x.Key == key)?.Celsius));
        }

        foreach (var fan in snapshot.Fans)
        {
            string source = fan.Source;
            entities.Add(Measure("fan_" + Slug(source), $"Fan {fan.Name}", "RPM", null, s => s.Fans.FirstOrDefault(f => f.Source == source)?.Rpm));
        }

        if (snapshot.Filesystems.Count > 0)
        {
            string mount = snapshot.Filesystems[0].MountPoint;
            entities.Add(Measure("disk_used", $"Disk used ({mount})", "%", null, s => s.Filesystems.FirstOrDefault(f => f.MountPoint == mount)?.Percent));
        }

        if (snapshot.NetworkRates is not null)
        {
            entities.Add(Measure("network_received", "Network received", "B/s", "data_rate", s => Sum(s, r => r.ReceiveBytesPerSecond)));
            entities.Add(Measure("network_sent", "Network sent", "B/s", "data_rate", s => Sum(s, r => r.SendBytesPerSecond)));
        }

        foreach (string iface in snapshot.WirelessSignalDbm?.Keys ?? [])
        {
            entities.Add(new("wifi_" + Slug(iface), "sensor", $"Wi-Fi signal {iface}", "dBm", "signal_strength", "measurement", "diagnostic",
                s => s.WirelessSignalDbm is { } w && w.TryGetValue(iface, out int dbm) ? dbm : null, null));
        }

        if (snapshot.RaspberryPi is RaspberryPiReading pi)
        {
            entities.Add(new("core_volts", "sensor", "Core voltage", "V", "voltage", "measurement", "diagnostic", s => s.RaspberryPi?.CoreVolts, null));
            entities.Add(new("arm_frequency", "sensor", "ARM frequency", "MHz", "frequency", "measurement", "diagnostic", s => s.RaspberryPi?.ArmClockHz / 1e6, null));
            if (pi.Throttle is not null)
            {
                foreach (ThrottleFlag flag in ThrottleFlag.All)
                {
                    string words = Words(flag.Name);
                    entities.Add(new(flag.Name, "binary_sensor", words, null, "problem", null, null, null, s => s.RaspberryPi?.Throttle is { } t ? (t.Conditions & flag.Now) != 0 : null));
                    entities.Add(new(flag.Name + "_since_boot", "binary_sensor", words + " since boot", null, "problem", null, "diagnostic", null,
                        s => s.RaspberryPi?.Throttle is { } t ? (t.Conditions & flag.Occurred) != 0 : null));
                }
            }
        }

        foreach (HardwareProbes.Sensors.SensorReading sensor in snapshot.Sensors)
        {
            (string key, HardwareProbes.Sensors.SensorQuantity quantity) = (sensor.Key, sensor.Quantity);
            // Home Assistant's device class of each quantity is the quantity's name.
            string name = HardwareProbes.Sensors.SensorUnits.NameOf(quantity);
            entities.Add(Measure($"sensor_{name}_{Slug(key)}", key, sensor.Unit, name,
                s => s.Sensors.FirstOrDefault(x => x.Quantity == quantity && x.Key == key)?.Value));
        }

        if (snapshot.RaspberryPi?.Pmic is not null)
        {
            entities.Add(new("supply_voltage", "sensor", "Supply voltage (EXT5V)", "V", "voltage", "measurement", null, s => s.RaspberryPi?.Pmic?.Ext5vVolts, null));
            entities.Add(Measure("power_estimate", "Power (PMIC estimate)", "W", "power", s => s.RaspberryPi?.Pmic?.EstimatedWatts));
        }

        if (snapshot.StateOf(SourceNames.Ups) != SourceState.NotApplicable)
        {
            entities.Add(Measure("ups_charge", "UPS battery", "%", "battery", s => s.Ups?.ChargePercent));
            entities.Add(Measure("ups_runtime", "UPS runtime", "s", "duration", s => s.Ups?.RuntimeSeconds));
            entities.Add(Measure("ups_load", "UPS load", "%", null, s => s.Ups?.LoadPercent));
            entities.Add(Measure("ups_input_voltage", "UPS input voltage", "V", "voltage", s => s.Ups?.InputVolts));
            // binary_sensor "power": ON while there is line power; "battery": ON while the battery is low.
            entities.Add(new("ups_line_power", "binary_sensor", "UPS line power", null, "power", null, null, null, s => s.Ups is { } u ? !u.OnBattery : null));
            entities.Add(new("ups_low_battery", "binary_sensor", "UPS battery low", null, "battery", null, null, null, s => s.Ups?.LowBattery));
        }

        if (snapshot.Jetson is { } jetson)
        {
            entities.Add(Measure("gpu_load", "GPU load", "%", null, s => s.Jetson?.GpuLoadPercent));
            if (jetson.Sample?.Rails is { Count: > 0 })
            {
                entities.Add(Measure("power_total", "Power", "W", "power", s => InputPower(s)));
            }

            if (jetson.OverCurrent.Count > 0)
            {
                entities.Add(new("over_current", "binary_sensor", "Over-current since boot", null, "problem", null, "diagnostic", null,
                    s => s.Jetson is { OverCurrent.Count: > 0 } j ? j.OverCurrent.Any(c => c.Events > 0) : null));
            }
        }

        return entities;
    }

    /// <summary>The state message: one JSON object, each entity's key and its value (a number, <c>"ON"</c>/<c>"OFF"</c>, or null).</summary>
    public static byte[] State(IReadOnlyList<MqttEntity> entities, HardwareSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(snapshot);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, MqttEntities.Relaxed))
        {
            json.WriteStartObject();
            json.WriteString("time", snapshot.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            foreach (MqttEntity entity in entities)
            {
                if (entity.Number?.Invoke(snapshot) is double number && double.IsFinite(number))
                {
                    json.WriteNumber(entity.Key, Math.Round(number, 2));
                }
                else if (entity.Flag?.Invoke(snapshot) is bool flag)
                {
                    json.WriteString(entity.Key, flag ? "ON" : "OFF");
                }
                else
                {
                    json.WriteNull(entity.Key);
                }
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The manufacturer Home Assistant shows for a board, where the board says it.</summary>
    public static string? Manufacturer(DeviceIdentity identity) => identity?.Board switch
    {
        BoardKind.RaspberryPi => "Raspberry Pi Ltd",
        BoardKind.Jetson => "NVIDIA",
        _ => null,
    };

    /// <summary>A topic level and key from any text: lower-case letters, digits and <c>_</c>.</summary>
    public static string Slug(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slug = new StringBuilder(text.Length);
        foreach (char c in text.ToLowerInvariant())
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        return slug.ToString().Trim('_');
    }

    private static MqttEntity Measure(string key, string name, string? unit, string? deviceClass, Func<HardwareSnapshot, double?> read)
        => new(key, "sensor", name, unit, deviceClass, "measurement", null, read, null);

    private static double? Sum(HardwareSnapshot s, Func<HardwareProbes.Network.InterfaceRate, double?> rate)
    {
        IEnumerable<double?> rates = (s.NetworkRates ?? []).Where(r => r.Name != "lo").Select(rate);
        return rates.Any(r => r is null) ? null : rates.Sum();
    }

    private static double? InputPower(HardwareSnapshot s)
        => s.Jetson?.Sample?.Rails is { Count: > 0 } rails
            ? (rails.FirstOrDefault(r => r.Name == "VDD_IN") ?? rails.FirstOrDefault(r => r.Name == "POM_5V_IN"))?.CurrentMilliwatts / 1000.0
            : null;

    private static string Words(string flag) => flag switch
    {
        "under_voltage" => "Under-voltage",
        "freq_capped" => "Frequency capped",
        "throttled" => "Throttled",
        "soft_temp_limit" => "Soft temperature limit",
        _ => flag,
    };
}
