using System.Globalization;
using System.Text.Json;

namespace MonitorWorker.Tests.Stats;

/// <summary>The Pi 5 fixture's sensor chips through the real worker: /stats, /metrics and the history carry each one.</summary>
[TestClass]
public sealed class SensorEndpointsTests
{
    [TestMethod]
    public async Task EverySensorChannel_IsInStatsMetricsAndHistory_AndTheImpossibleOneIsNullWithItsReason()
    {
        using FixtureTree tree = FixtureTree.Copy("raspberry-pi-5");
        await using WorkerProcess worker = WorkerProcess.Start(tree.Environment());
        (HttpClient http, string stats) = await worker.WaitForBodyAsync("stats", body => body.Contains("\"sensors\":[{", StringComparison.Ordinal));

        JsonElement[] sensors = [.. Json.Parse(stats).GetProperty("sensors").EnumerateArray()];
        Assert.HasCount(19, sensors);
        JsonElement pressure = sensors.Single(s => s.GetProperty("key").GetString() == "bme280 pressure");
        Assert.AreEqual(("pressure", "hPa", false), (pressure.GetProperty("quantity").GetString(), pressure.GetProperty("unit").GetString(), pressure.GetProperty("derived").GetBoolean()));
        Assert.AreEqual(1007.16125, pressure.GetProperty("value").GetDouble(), 1e-9);
        JsonElement nvme = sensors.Single(s => s.GetProperty("key").GetString() == "ina3221 VDD_5V_NVME" && s.GetProperty("quantity").GetString() == "power");
        Assert.AreEqual(4.2602, nvme.GetProperty("value").GetDouble(), 1e-9);
        Assert.IsTrue(nvme.GetProperty("derived").GetBoolean());
        StringAssert.Contains(nvme.GetProperty("source").GetString(), "in1_input × ");
        JsonElement impossible = sensors.Single(s => s.GetProperty("key").GetString() == "sht4x humidity1");
        Assert.AreEqual(JsonValueKind.Null, impossible.GetProperty("value").ValueKind);
        StringAssert.EndsWith(impossible.GetProperty("error").GetString(), "humidity1_input: 104.2 % is outside the humidity range 0.1 to 100 %");

        string metrics = await http.GetStringAsync("metrics");
        foreach ((string metric, double expected) in new[]
        {
            ("hardware_sensor_humidity{otel_scope_name=\"HardwareProbes\",otel_scope_version=\"0.1.0.0\",chip=\"sht3x\",label=\"humidity1\"}", 0.4625),
            ("hardware_sensor_pressure_pascals{otel_scope_name=\"HardwareProbes\",otel_scope_version=\"0.1.0.0\",chip=\"bme280\",label=\"pressure\"}", 100716.125),
            ("hardware_sensor_current_amperes{otel_scope_name=\"HardwareProbes\",otel_scope_version=\"0.1.0.0\",chip=\"ina219\",label=\"curr1\"}", 1.2),
            ("hardware_sensor_power_watts{otel_scope_name=\"HardwareProbes\",otel_scope_version=\"0.1.0.0\",chip=\"ina3221\",label=\"VDD_5V_NVME\"}", 4.2602),
            ("hardware_pmic_voltage_volts{otel_scope_name=\"HardwareProbes\",otel_scope_version=\"0.1.0.0\",rail=\"EXT5V\"}", 5.06788),
        })
        {
            string? line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith(metric + " ", StringComparison.Ordinal));
            Assert.IsNotNull(line, metric);
            Assert.AreEqual(expected, double.Parse(line[(metric.Length + 1)..], CultureInfo.InvariantCulture), 1e-6, line);
        }

        Assert.DoesNotContain("label=\"humidity1\"} 1.042", metrics, "an impossible value is never served");
        JsonElement series = default;
        await Eventually.UntilAsync(
            async () =>
            {
                series = Json.Parse(await http.GetStringAsync("api/history?series=sensor.*")).GetProperty("series");
                return series.TryGetProperty("sensor.voltage.ina3221 VDD_5V_NVME", out _);
            },
            "the sensor series");
        Assert.AreEqual("%", series.GetProperty("sensor.humidity.bme280 humidity").GetProperty("unit").GetString());
        Assert.AreEqual("W", series.GetProperty("sensor.power.ina219 power1").GetProperty("unit").GetString());
        float? last = series.GetProperty("sensor.pressure.bme280 pressure").GetProperty("avg").EnumerateArray().Last(v => v.ValueKind == JsonValueKind.Number).GetSingle();
        Assert.AreEqual(1007.16125f, last!.Value, 0.01f, string.Create(CultureInfo.InvariantCulture, $"{last}"));
        JsonElement self = Json.Parse(await http.GetStringAsync("api/monitoring/resources")).GetProperty("nodes")[0];
        JsonElement sht3x = self.GetProperty("gauges").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "sensor_humidity" && g.GetProperty("labels").GetProperty("chip").GetString() == "sht3x");
        Assert.AreEqual((46.25, "%"), (sht3x.GetProperty("value").GetDouble(), sht3x.GetProperty("labels").GetProperty("unit").GetString()), "the fleet view carries the sensors");
        Assert.IsFalse(series.GetProperty("sensor.humidity.sht4x humidity1").GetProperty("avg").EnumerateArray().Any(v => v.ValueKind == JsonValueKind.Number), "no value for the impossible reading");
    }
}
