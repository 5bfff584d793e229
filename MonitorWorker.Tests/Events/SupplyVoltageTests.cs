using System.Text.Json;

namespace MonitorWorker.Tests.Events;

/// <summary>
/// A Raspberry Pi 5's 5 V input (the PMIC's EXT5V_V) sagging: a warning below 4.80 V and a critical event below 4.70 V
/// before the firmware's under-voltage bit (4.63 V) trips, and the end once it is back; and the board's last PMIC reset
/// as the cause on the agent's start event. From the Pi 5 fixture, with the PMIC reply rewritten as the test goes.
/// </summary>
[TestClass]
public sealed class SupplyVoltageTests
{
    [TestMethod]
    public async Task Ext5vSagging_WarnsThenIsCritical_ThenEnds_AndTheStartEventNamesTheLastReset()
    {
        using FixtureTree tree = FixtureTree.Copy("raspberry-pi-5");
        string replies = Path.Combine(tree.Root, "vcgencmd", "replies");
        string pmic = Path.Combine(replies, "pmic_read_adc.txt");
        string capture = File.ReadAllText(pmic);
        SetExt5v(pmic, capture, "4.77312000");
        Dictionary<string, string> environment = tree.Environment();
        environment["PISTAT_VCGENCMD_PATH"] = tree.Vcgencmd();
        await using WorkerProcess worker = WorkerProcess.Start(environment);
        HttpClient http = await worker.WaitUntilServingAsync();

        JsonElement warning = await EventAsync(http, "condition_start", e => e.GetProperty("severity").GetString() == "warning");
        Assert.AreEqual("Supply voltage low: EXT5V 4.773 V, below 4.80 V", warning.GetProperty("message").GetString());
        JsonElement start = Json.Parse(await http.GetStringAsync("api/events?kind=agent_start")).GetProperty("events")[0];
        StringAssert.EndsWith(start.GetProperty("message").GetString(), "; the board came up after a PMIC reset for under-voltage (power_reset 0x2)");
        Assert.AreEqual("warning", start.GetProperty("severity").GetString());
        JsonElement stats = Json.Parse(await http.GetStringAsync("stats"));
        Assert.AreEqual(4.77312, stats.GetProperty("pmic").GetProperty("ext5v_volts").GetDouble());
        Assert.AreEqual(10.8, Math.Round(stats.GetProperty("pmic").GetProperty("estimated_watts").GetDouble(), 2));
        Assert.AreEqual(0.8974594, stats.GetProperty("pmic").GetProperty("rails").GetProperty("VDD_CORE").GetProperty("volts").GetDouble());
        Assert.AreEqual(2u, stats.GetProperty("power_reset").GetProperty("value").GetUInt32());

        SetExt5v(pmic, capture, "4.66100000");
        JsonElement critical = await EventAsync(http, "condition_start", e => e.GetProperty("severity").GetString() == "critical");
        Assert.AreEqual("Supply voltage low: EXT5V 4.661 V, below 4.70 V", critical.GetProperty("message").GetString());

        SetExt5v(pmic, capture, "5.06788000");
        JsonElement end = await EventAsync(http, "condition_end", _ => true);
        Assert.AreEqual("Supply voltage ended: EXT5V back to 5.068 V", end.GetProperty("message").GetString());
        Assert.AreEqual(2, Json.Parse(await http.GetStringAsync("api/events?kind=condition_start")).GetProperty("events").EnumerateArray().Count(e => e.GetProperty("subject").GetString() == "supply_voltage"));
    }

    private static void SetExt5v(string path, string capture, string volts)
    {
        string changed = capture.Replace("EXT5V_V volt(24)=5.06788000V", $"EXT5V_V volt(24)={volts}V", StringComparison.Ordinal);
        StringAssert.Contains(changed, $"EXT5V_V volt(24)={volts}V", "the capture has the EXT5V line");
        File.WriteAllText(path + ".new", changed);
        File.Move(path + ".new", path, overwrite: true);
    }

    private static async Task<JsonElement> EventAsync(HttpClient http, string kind, Func<JsonElement, bool> which)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            last = await http.GetStringAsync($"api/events?kind={kind}");
            foreach (JsonElement e in Json.Parse(last).GetProperty("events").EnumerateArray())
            {
                if (e.GetProperty("subject").GetString() == "supply_voltage" && which(e))
                {
                    return e;
                }
            }

            await Task.Delay(100);
        }

        Assert.Fail($"no {kind} event for supply_voltage in 60 s; last answer {last}");
        return default;
    }
}
