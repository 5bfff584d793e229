using System.Net;
using System.Text.Json;

namespace MonitorWorker.Tests.EndToEnd;

/// <summary>The real pi-stat process on each fixture tree, with the fake vcgencmd and tegrastats: /stats field by field, and /health.</summary>
[TestClass]
public sealed class FixtureTreeTests
{
    /// <summary>Runs the worker on a copy of the tree, advances /proc/stat once it has a baseline, and returns the /stats body whose CPU usage spans that step.</summary>
    private static async Task<(JsonElement Stats, JsonElement Health, HttpStatusCode HealthStatus)> RunAsync(string board, Func<JsonElement, bool>? alsoReady = null)
    {
        using FixtureTree tree = FixtureTree.Copy(board);
        await using WorkerProcess worker = WorkerProcess.Start(tree.Environment());
        using HttpClient http = await worker.WaitUntilServingAsync("stats", body => alsoReady?.Invoke(Json.Parse(body)) ?? true);
        tree.AdvanceCpuCounters();
        (HttpClient ready, string body) = await worker.WaitForBodyAsync("stats", body =>
        {
            JsonElement json = Json.Parse(body);
            return json.Number("cpu_usage") is not null && (alsoReady?.Invoke(json) ?? true);
        });
        using HttpClient _ = ready;
        JsonElement stats = Json.Parse(body);
        using HttpResponseMessage health = await ready.GetAsync("health");
        return (stats, Json.Parse(await health.Content.ReadAsStringAsync()), health.StatusCode);
    }

    private static void AssertCommon(JsonElement s)
    {
        CollectionAssert.AreEqual(new double?[] { 0.02, 0.04, 0.05 }, s.Numbers("load_avg"));
        Assert.AreEqual(25401943.0, s.Number("disk_io.read_count"));
        Assert.AreEqual(29523076.0, s.Number("disk_io.write_count"));
        Assert.AreEqual(516091729408.0, s.Number("disk_io.read_bytes"));
        Assert.AreEqual(279116116480.0, s.Number("disk_io.write_bytes"));
        CollectionAssert.AreEquivalent(new[] { "vethf345468", "docker0", "eth0", "active_connections" }, s.Keys("network"));
        Assert.AreEqual(874354587.0, s.Number("network.eth0.bytes_recv"));
        Assert.AreEqual(563352563.0, s.Number("network.eth0.bytes_sent"));
        Assert.AreEqual(1036395.0, s.Number("network.eth0.packets_recv"));
        Assert.AreEqual(732147.0, s.Number("network.eth0.packets_sent"));
        Assert.IsTrue(s.IsNull("network.eth0.signal_strength"));
        Assert.AreEqual(2.0, s.Number("network.active_connections"));
        Assert.AreEqual(new DriveInfo(Paths.Fixtures).TotalSize, (long)s.Number("disk.total")!.Value);
        Assert.AreEqual(new DriveInfo(Paths.Fixtures).TotalSize, (long)s.Number($"disks.{Paths.Fixtures}.total")!.Value);
        Assert.IsLessThan(5.0, s.Number("sample_age_seconds")!.Value);
        Assert.AreEqual(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), s.Number("timestamp")!.Value, 30);
    }

    [TestMethod]
    public async Task RaspberryPi4_ServesEveryField()
    {
        (JsonElement s, JsonElement health, HttpStatusCode status) = await RunAsync("raspberry-pi-4");

        Assert.AreEqual("raspberry-pi", s.Text("board"));
        Assert.AreEqual(35.0, s.Number("cpu_usage")!.Value, 1e-9);
        CollectionAssert.AreEqual(new double?[] { 80, 20, 40, 0 }, s.Numbers("per_cpu_usage"));
        CollectionAssert.AreEqual(new double?[] { 1500, 1500, 600, 1500 }, s.Numbers("per_cpu_freq"));
        Assert.AreEqual(1275.0, s.Number("cpu_freq"));
        Assert.AreEqual(49.925, s.Number("cpu_temp"));
        Assert.AreEqual(15666184.0 * 1024, s.Number("memory.total"));
        Assert.AreEqual(471007232.0, s.Number("memory.used"));
        Assert.AreEqual(15204908.0 * 1024, s.Number("memory.available"));
        Assert.AreEqual(0.0, s.Number("swap.total"));
        Assert.AreEqual(351735.65, s.Number("uptime"));
        Assert.AreEqual(49.925, s.Number("gpu.temperature"));
        Assert.AreEqual(128.0 * 1024 * 1024, s.Number("gpu.memory"));
        Assert.AreEqual(0.0, s.Number("gpu.v3d_clock"));
        Assert.IsTrue(s.IsNull("gpu.load_percent"));
        Assert.AreEqual(1.2, s.Number("power.core_voltage"));
        Assert.IsFalse(s.Flag("power.under_voltage"));
        Assert.IsFalse(s.Flag("power.throttled"));
        Assert.IsFalse(s.Flag("power.freq_capped"));
        Assert.IsFalse(s.Flag("power.soft_temp_limit"));
        Assert.IsTrue(s.Flag("power.under_voltage_occurred"));
        Assert.IsFalse(s.Flag("power.freq_capped_occurred"));
        Assert.IsTrue(s.Flag("power.throttled_occurred"));
        Assert.IsFalse(s.Flag("power.soft_temp_limit_occurred"));
        Assert.IsTrue(s.IsNull("power.rails"));
        Assert.AreEqual(1_500_000_000.0, s.Number("clocks.arm"));
        Assert.AreEqual(250_000_000.0, s.Number("clocks.core"));
        Assert.IsTrue(s.IsNull("clocks.sdram"));
        Assert.AreEqual("Raspberry Pi 4 Model B Rev 1.5", s.Text("hardware.model"));
        Assert.AreEqual("xxxxxxxxxxxxxxxx", s.Text("hardware.serial"));
        Assert.AreEqual("c3c8dbdf147686fb0c3f32aece709d0653368810", s.Text("hardware.firmware"));
        Assert.AreEqual(3.0, s.Number("hardware.usb_devices"));
        Assert.AreEqual(49.925, s.Number("temperatures.cpu-thermal"));
        Assert.IsFalse(s.At("temperatures").TryGetProperty("cpu_thermal temp1", out _), "the zone's hwmon mirror is the same sensor, listed once");
        Assert.AreEqual("ok", s.Text("sources.vcgencmd"));
        Assert.AreEqual("vcgencmd get_config sdram_freq: invalid arguments", s.Text("sources.sdram_clock"));
        AssertCommon(s);
        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.AreEqual("healthy", health.Text("status"));
    }

    [TestMethod]
    public async Task RaspberryPi5_UnderVoltageNow_IsDegraded()
    {
        (JsonElement s, JsonElement health, HttpStatusCode status) = await RunAsync("raspberry-pi-5");

        Assert.IsTrue(s.Flag("power.under_voltage"));
        Assert.IsTrue(s.Flag("power.throttled"));
        Assert.AreEqual(3_200_000_000.0, s.Number("clocks.sdram"));
        Assert.AreEqual("ee14f78c1312ce93", s.Text("hardware.serial"));
        Assert.AreEqual(61.05, s.Number("cpu_temp"));
        Assert.AreEqual(4194300.0 * 1024, s.Number("swap.total"));
        AssertCommon(s);
        Assert.AreEqual(HttpStatusCode.OK, status, "degraded is still 200");
        Assert.AreEqual("degraded", health.Text("status"));
        Assert.AreEqual("under-voltage now; throttling now (get_throttled 0x50005)", health.Text("checks.conditions.description"));
    }

    [TestMethod]
    public async Task JetsonOrinNano_ServesTegrastatsRailsAndGpu()
    {
        (JsonElement s, JsonElement health, HttpStatusCode status) = await RunAsync("jetson-orin-nano", json => json.Number("gpu.load_percent") is not null);

        Assert.AreEqual("jetson", s.Text("board"));
        Assert.AreEqual(40.0, s.Number("cpu_usage")!.Value, 1e-9);
        CollectionAssert.AreEqual(new[] { "VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC" }, s.Keys("power.rails"));
        (double? load, double? freq, double? vddIn) = (s.Number("gpu.load_percent"), s.Number("gpu.freq_mhz"), s.Number("power.rails.VDD_IN.current_mw"));
        Assert.IsTrue((load, freq, vddIn) is (63, 621, 12479) or (0, 305, 5704), $"a tegrastats line of the capture: {load} {freq} {vddIn}");
        Assert.AreEqual(53.343, s.Number("gpu.temperature"));
        Assert.IsTrue(s.IsNull("temperatures.cv0-thermal"), "power-gated zone is null, not -256");
        Assert.AreEqual("L4T 36.4.7", s.Text("hardware.firmware"));
        Assert.AreEqual("NVIDIA Jetson Orin Nano Engineering Reference Developer Kit Super", s.Text("hardware.model"));
        Assert.IsTrue(s.IsNull("power.core_voltage"));
        Assert.IsTrue(s.IsNull("clocks.arm"));
        AssertCommon(s);
        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.AreEqual("healthy", health.Text("status"));
    }

    [TestMethod]
    public async Task JetsonNano_OfflineCoresAreNullAndGpuFrequencyComesFromSysfs()
    {
        (JsonElement s, _, HttpStatusCode status) = await RunAsync("jetson-nano", json => json.Number("gpu.load_percent") is not null);

        Assert.AreEqual(50.0, s.Number("cpu_usage")!.Value, 1e-9);
        CollectionAssert.AreEqual(new double?[] { 80, 20, null, null }, s.Numbers("per_cpu_usage"));
        CollectionAssert.AreEqual(new double?[] { 518.4, 518.4, null, null }, s.Numbers("per_cpu_freq"));
        Assert.AreEqual(0.0, s.Number("gpu.load_percent"));
        Assert.AreEqual(921.6, s.Number("gpu.freq_mhz"));
        Assert.AreEqual(26.5, s.Number("gpu.temperature"));
        Assert.AreEqual(1388.0, s.Number("power.rails.POM_5V_IN.current_mw"));
        Assert.AreEqual(163.0, s.Number("power.rails.POM_5V_CPU.average_mw"));
        Assert.AreEqual(24.5, s.Number("cpu_temp"));
        AssertCommon(s);
        Assert.AreEqual(HttpStatusCode.OK, status);
    }

    [TestMethod]
    public async Task X86Server_BoardFieldsAreNull()
    {
        (JsonElement s, JsonElement health, _) = await RunAsync("x86-server");

        Assert.AreEqual("linux", s.Text("board"));
        Assert.AreEqual(35.0, s.Number("cpu_usage")!.Value, 1e-9);
        Assert.AreEqual(49.925, s.Number("cpu_temp"));
        foreach (string field in new[] { "gpu.temperature", "gpu.memory", "gpu.v3d_clock", "power.core_voltage", "power.throttled", "clocks.arm", "hardware.model", "hardware.firmware", "hardware.usb_devices" })
        {
            Assert.IsTrue(s.IsNull(field), field);
        }

        Assert.AreEqual(55.0, s.Number("temperatures.coretemp Physical id 0"));
        Assert.AreEqual(43.85, s.Number("temperatures.nvme Composite"));
        Assert.AreEqual(-44.0, s.Number("temperatures.acpitz"));
        AssertCommon(s);
        Assert.AreEqual("healthy", health.Text("status"));
    }

    [TestMethod]
    public async Task BrokenTree_ServesNullsWithReasonsAndIsDegraded()
    {
        await using WorkerProcess worker = WorkerProcess.Start(WorkerProcess.BoardEnvironment("broken"));
        using HttpClient http = await worker.WaitUntilServingAsync();

        JsonElement s = Json.Parse(await http.GetStringAsync("stats?cache=false"));
        using HttpResponseMessage healthResponse = await http.GetAsync("health");
        JsonElement health = Json.Parse(await healthResponse.Content.ReadAsStringAsync());

        foreach (string field in new[] { "cpu_usage", "load_avg", "uptime", "disk_io", "network.active_connections" })
        {
            Assert.IsTrue(s.IsNull(field), field);
        }

        Assert.IsEmpty(s.Numbers("per_cpu_usage"));
        StringAssert.Contains(s.Text("sources.cpu_times"), "line 4 \"cpu2 46504 3\": 2 counters, at least 4 expected");
        StringAssert.Contains(s.Text("sources.loadavg"), "'zero' is not a number");
        Assert.AreEqual(47.2, s.Number("cpu_temp"));
        Assert.IsTrue(s.IsNull("temperatures.gpu-thermal"));
        Assert.AreEqual(HttpStatusCode.OK, healthResponse.StatusCode);
        Assert.AreEqual("degraded", health.Text("status"));
        StringAssert.Contains(health.Text("checks.sources.description"), "cpu_times");
        StringAssert.Contains(health.Text("checks.sources.description"), "uptime");
        StringAssert.EndsWith(health.Text("checks.sources.description"), " failed; /stats gives the reasons under sources");
    }
}
