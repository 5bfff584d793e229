using System.Globalization;
using System.Text.Json;

namespace MonitorWorker.Tests.Ups;

/// <summary>A UPS through Debian's NUT server and its dummy-ups driver: readings, the on-battery and low-battery events, the series.</summary>
[TestClass]
public sealed class NutUpsTests
{
    [TestMethod]
    public async Task TheDummyUpsGoingOnBatteryAndBack_GivesTheEventsTheSeriesAndTheMetrics()
    {
        await using NutServer nut = NutServer.Start("apc-back-ups-es-700.dev");
        using FixtureTree tree = FixtureTree.Copy("raspberry-pi-4");
        Dictionary<string, string> environment = tree.Environment();
        environment["PISTAT_NUT_URL"] = nut.Url;
        environment["PISTAT_NUT_INTERVAL_SECONDS"] = "1";
        await using WorkerProcess worker = WorkerProcess.Start(environment);

        (HttpClient http, string stats) = await worker.WaitForBodyAsync("stats", body => body.Contains("\"model\":\"APC Back-UPS ES 700\"", StringComparison.Ordinal));
        JsonElement ups = Json.Parse(stats).GetProperty("ups");
        Assert.AreEqual(2565, ups.GetProperty("runtime_seconds").GetDouble(), nut.Output());
        Assert.AreEqual("OL OFF", string.Join(' ', ups.GetProperty("status").EnumerateArray().Select(f => f.GetString())));
        Assert.AreEqual(2565, ups.GetProperty("runtime_seconds").GetDouble());
        Assert.AreEqual(220, ups.GetProperty("input_volts").GetDouble());
        Assert.DoesNotContain(NutServer.Password, stats);

        nut.Set(("ups.status", "OB DISCHRG"), ("battery.charge", "93"), ("battery.runtime", "2100"), ("input.voltage", "0.0"));
        JsonElement onBattery = await EventAsync(http, "condition_start", "ups_on_battery");
        Assert.AreEqual("warning", onBattery.GetProperty("severity").GetString());
        Assert.AreEqual("UPS garage on battery, battery 93 %, 35 min left", onBattery.GetProperty("message").GetString());

        nut.Set(("ups.status", "OB DISCHRG LB"), ("battery.charge", "9"), ("battery.runtime", "180"));
        Assert.AreEqual("critical", (await EventAsync(http, "condition_start", "ups_low_battery")).GetProperty("severity").GetString());

        nut.Set(("ups.status", "OL CHRG"), ("battery.charge", "12"), ("input.voltage", "229.0"));
        Assert.AreEqual("UPS garage back on line power, battery 12 %", (await EventAsync(http, "condition_end", "ups_on_battery")).GetProperty("message").GetString());
        await EventAsync(http, "condition_end", "ups_low_battery");

        JsonElement series = Json.Parse(await http.GetStringAsync("api/history?series=ups.*")).GetProperty("series");
        float?[] onBatterySeries = Values(series, "ups.on_battery");
        CollectionAssert.IsSubsetOf(new float?[] { 0, 1 }, onBatterySeries.Distinct().ToArray());
        Assert.AreEqual(0f, onBatterySeries.Last(v => v is not null));
        CollectionAssert.IsSubsetOf(new float?[] { 100, 93, 9, 12 }, Values(series, "ups.charge").Where(v => v is not null).Distinct().ToArray());
        Assert.AreEqual("%", series.GetProperty("ups.charge").GetProperty("unit").GetString());
        Assert.AreEqual("s", series.GetProperty("ups.runtime").GetProperty("unit").GetString());

        string metrics = await http.GetStringAsync("metrics");
        StringAssert.Contains(metrics, "hardware_ups_battery_charge{otel_scope_name=\"HardwareProbes\",otel_scope_version=\"0.1.0.0\"} 0.12\n");
        StringAssert.Contains(metrics, "flag=\"CHRG\"} 1");
        (int exitCode, string output) = ExternalTool.Run("promtool", metrics, "check", "metrics");
        Assert.AreEqual(0, exitCode, $"promtool check metrics:\n{output}");
    }

    [TestMethod]
    public async Task AnUnknownUps_IsTheUpsSourcesFailure_WithTheServersReason()
    {
        await using NutServer nut = NutServer.Start("apc-back-ups-es-700.dev");
        using FixtureTree tree = FixtureTree.Copy("raspberry-pi-4");
        Dictionary<string, string> environment = tree.Environment();
        environment["PISTAT_NUT_URL"] = $"nut://{NutServer.User}:{NutServer.Password}@127.0.0.1:{nut.Port}/attic";
        await using WorkerProcess worker = WorkerProcess.Start(environment);

        (_, string stats) = await worker.WaitForBodyAsync("stats", body => body.Contains("UNKNOWN-UPS", StringComparison.Ordinal));

        JsonElement sources = Json.Parse(stats).GetProperty("sources");
        Assert.AreEqual("nut://***@127.0.0.1:" + nut.Port.ToString(CultureInfo.InvariantCulture) + "/attic: the server refused: UNKNOWN-UPS (no UPS of that name on the server: see its ups.conf)", sources.GetProperty("ups").GetString());
        Assert.AreEqual(JsonValueKind.Null, Json.Parse(stats).GetProperty("ups").ValueKind);
        Assert.DoesNotContain(NutServer.Password, stats);
    }

    private static float?[] Values(JsonElement series, string name)
        => [.. series.GetProperty(name).GetProperty("avg").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (float?)null : v.GetSingle())];

    /// <summary>The first event of the kind about the subject, waited for.</summary>
    private static async Task<JsonElement> EventAsync(HttpClient http, string kind, string subject)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            last = await http.GetStringAsync($"api/events?kind={kind}");
            foreach (JsonElement e in Json.Parse(last).GetProperty("events").EnumerateArray())
            {
                if (e.GetProperty("subject").GetString() == subject)
                {
                    return e;
                }
            }

            await Task.Delay(100);
        }

        Assert.Fail($"no {kind} event for {subject} in 60 s; last answer {last}");
        return default;
    }
}
