using System.Text.Json;
using HardwareProbes;
using HardwareProbes.Snapshots;

namespace MonitorWorker.Tests.Stats;

/// <summary>fans, cooling_devices and emmc in /stats and /metrics, from the Pi 5 and Jetson Nano fixtures.</summary>
[TestClass]
public sealed class StatsCoolingAndWearTests
{
    private static async Task<InProcessHost> StartAsync(string board)
    {
        string root = Paths.Board(board);
        var probes = new ProbeOptions
        {
            ProcPath = Path.Combine(root, "proc"), SysPath = Path.Combine(root, "sys"), EtcPath = Path.Combine(root, "etc"), DiskPaths = [],
            VcgencmdPath = "/nonexistent/vcgencmd",
        };
        probes.Tegrastats.ExecutablePath = "/nonexistent/tegrastats";
        InProcessHost host = await InProcessHost.StartAsync(new LinuxSnapshotSource(probes));
        await host.WaitForFirstSnapshotAsync();
        return host;
    }

    [TestMethod]
    public async Task RaspberryPi5_HasItsFanAndCoolingDevice_InStatsAndMetrics()
    {
        await using InProcessHost host = await StartAsync("raspberry-pi-5");

        JsonElement stats = Json.Parse(await host.Http.GetStringAsync("stats"));
        string metrics = await host.Http.GetStringAsync("metrics");

        JsonElement fan = stats.GetProperty("fans").EnumerateArray().Single();
        Assert.AreEqual("{\"name\":\"pwmfan fan1\",\"source\":\"hwmon2/fan1\",\"rpm\":3296,\"pwm_percent\":29.4,\"target_pwm_percent\":null}", fan.GetRawText());
        Assert.AreEqual("{\"type\":\"pwm-fan\",\"device\":\"cooling_device0\",\"state\":1,\"max_state\":4}", stats.GetProperty("cooling_devices")[0].GetRawText());
        Assert.AreEqual(0, stats.GetProperty("emmc").GetArrayLength(), "the Pi boots from an SD card, which reports no wear");
        StringAssert.Contains(metrics, "fan=\"pwmfan fan1\"} 3296");
        StringAssert.Contains(metrics, "# TYPE hardware_fan_speed gauge");
        StringAssert.Contains(metrics, "hardware_cooling_max_state{otel_scope_name=\"HardwareProbes\",otel_scope_version=\"0.1.0.0\",device=\"pwm-fan cooling_device0\"} 4");
    }

    [TestMethod]
    public async Task JetsonNanoModule_HasItsEmmcWear_InStatsAndMetrics()
    {
        await using InProcessHost host = await StartAsync("jetson-nano");

        JsonElement stats = Json.Parse(await host.Http.GetStringAsync("stats"));
        string metrics = await host.Http.GetStringAsync("metrics");

        Assert.AreEqual(
            "{\"device\":\"mmcblk0\",\"life_time_a\":2,\"life_used_a\":\"10–20 % used\",\"life_time_b\":1,\"life_used_b\":\"0–10 % used\",\"pre_eol\":1,\"pre_eol_status\":\"normal\"}",
            stats.GetProperty("emmc")[0].GetRawText());
        Assert.AreEqual("pwm-fan", stats.GetProperty("fans")[0].GetProperty("name").GetString());
        StringAssert.Contains(metrics, "device=\"mmcblk0\",type=\"A\"} 2");
        StringAssert.Contains(metrics, "# TYPE hardware_emmc_life_time gauge");
        StringAssert.Contains(metrics, "# TYPE hardware_emmc_pre_eol gauge");
    }

    [TestMethod]
    public async Task JetsonOrin_HasItsPowerModeAndOverCurrentCounters_InStatsAndMetrics()
    {
        await using InProcessHost host = await StartAsync("jetson-orin-nano");

        JsonElement stats = Json.Parse(await host.Http.GetStringAsync("stats"));
        string metrics = await host.Http.GetStringAsync("metrics");

        Assert.AreEqual("{\"id\":2,\"name\":\"MAXN_SUPER\"}", stats.GetProperty("power_mode").GetRawText());
        Assert.AreEqual("{\"name\":\"oc3\",\"meaning\":\"instantaneous over-current\",\"events\":37,\"throttle_enabled\":true}", stats.GetProperty("over_current")[2].GetRawText());
        StringAssert.Contains(metrics, "counter=\"oc2\",meaning=\"average over-current\"} 15");
        StringAssert.Contains(metrics, "# TYPE hardware_over_current_events_total counter");
        StringAssert.Contains(metrics, "name=\"MAXN_SUPER\"} 2");
    }
}
