using System.Net;
using System.Text.Json;
using MonitorWorker.Tests.Sampling;

namespace MonitorWorker.Tests.TegrastatsApi;

/// <summary>The Tegrastats API endpoints on the real worker and fixture trees, with a fake tegrastats repeating one capture line.</summary>
[TestClass]
public sealed class TegrastatsApiEndpointTests
{
    private static readonly string[] Parts = ["status", "cpu", "memory", "temperature", "power", "health"];

    /// <summary>Runs the worker on a copy of the board with one tegrastats line, steps /proc/stat, and returns every /api body.</summary>
    private static async Task<Dictionary<string, JsonElement>> RunAsync(string board, bool withTegrastats = true)
    {
        using FixtureTree tree = FixtureTree.Copy(board);
        Dictionary<string, string> environment = tree.Environment();
        if (withTegrastats)
        {
            environment["PISTAT_TEGRASTATS_PATH"] = tree.OneLineTegrastats();
        }

        await using WorkerProcess worker = WorkerProcess.Start(environment);
        using HttpClient http = await worker.WaitUntilServingAsync("api/status", body => !withTegrastats || Json.Parse(body).Keys("power").Length > 0);
        tree.AdvanceCpuCounters();
        (HttpClient waited, string cpu) = await worker.WaitForBodyAsync("api/cpu", body => Json.Parse(body).At("cpu.cores")[0].GetProperty("usage").ValueKind == JsonValueKind.Number);
        waited.Dispose();

        var bodies = new Dictionary<string, JsonElement>();
        foreach (string part in Parts)
        {
            using HttpResponseMessage response = await http.GetAsync($"api/{part}");
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, part);
            Assert.AreEqual("application/json", response.Content.Headers.ContentType!.MediaType, part);
            bodies[part] = Json.Parse(await response.Content.ReadAsStringAsync());
        }

        // The usage lasts one sampling period (the counters stepped once): the cpu part is the body that had it.
        bodies["cpu"] = Json.Parse(cpu);
        return bodies;
    }

    private static (double? Id, double? Usage, double? Freq)[] Cores(JsonElement body)
        => [.. body.At("cpu.cores").EnumerateArray().Select(c => (c.Number("id"), c.Number("usage"), c.Number("freq")))];

    [TestMethod]
    public async Task OrinNano_EveryEndpointHasTheTegrastatsApiShapeAndValues()
    {
        Dictionary<string, JsonElement> api = await RunAsync("jetson-orin-nano");

        JsonElement status = api["status"];
        CollectionAssert.AreEqual(new[] { "cpu", "gpu", "memory", "temperature", "power", "timestamp" }, status.EnumerateObject().Select(p => p.Name).ToArray());
        CollectionAssert.AreEqual(
            new (double?, double?, double?)[] { (0, 80, 730), (1, 20, 730), (2, 40, 730), (3, 0, 730), (4, 80, 730), (5, 20, 730) },
            Cores(api["cpu"]));
        Assert.AreEqual(63.0, status.Number("gpu.gr3d_freq"), "GR3D utilisation in percent, as the Tegrastats API reports it");
        Assert.AreEqual(621.0, status.Number("gpu.freq_mhz"));

        JsonElement memory = api["memory"];
        Assert.AreEqual(7455.0, memory.Number("memory.ram.used"), "(MemTotal - MemFree - Buffers - Cached - SReclaimable) in MiB");
        Assert.AreEqual(15887.0, memory.Number("memory.ram.total"));
        Assert.AreEqual("MB", memory.Text("memory.ram.unit"));
        Assert.AreEqual(0.0, memory.Number("memory.swap.total"));
        Assert.AreEqual(0.0, memory.Number("memory.swap.cached"));

        JsonElement temperature = api["temperature"];
        CollectionAssert.AreEqual(new[] { "cpu", "soc2", "soc0", "gpu", "tj", "soc1" }, temperature.Keys("temperature"));
        Assert.AreEqual(53.968, temperature.Number("temperature.cpu"));
        Assert.AreEqual(53.343, temperature.Number("temperature.gpu"));
        Assert.AreEqual(51.656, temperature.Number("temperature.soc1"));

        JsonElement power = api["power"];
        CollectionAssert.AreEqual(new[] { "VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC" }, power.Keys("power"), "real rails only: no ram or swap entries");
        Assert.AreEqual(12479.0, power.Number("power.VDD_IN.current"));
        Assert.AreEqual(12479.0, power.Number("power.VDD_IN.average"));
        Assert.AreEqual(4667.0, power.Number("power.VDD_CPU_GPU_CV.current"));
        Assert.AreEqual(2817.0, power.Number("power.VDD_SOC.average"));
        Assert.AreEqual("mW", power.Text("power.VDD_SOC.unit"));

        foreach (string part in Parts)
        {
            Assert.IsTrue(DateTimeOffset.TryParse(api[part].Text("timestamp"), out DateTimeOffset stamp), part);
            Assert.AreEqual(TimeSpan.Zero, stamp.Offset, part);
            Assert.IsLessThan(TimeSpan.FromMinutes(1), (DateTimeOffset.UtcNow - stamp).Duration(), part);
        }

        Assert.AreEqual("pi-stat", api["health"].Text("service"));
        Assert.AreEqual(0.0, api["health"].Number("connected_clients"));
    }

    [TestMethod]
    public async Task JetsonNano_OfflineCoresKeepTheirIdsAndPomRailsAreReported()
    {
        Dictionary<string, JsonElement> api = await RunAsync("jetson-nano");

        CollectionAssert.AreEqual(new (double?, double?, double?)[] { (0, 80, 518), (1, 20, 518), (2, null, null), (3, null, null) }, Cores(api["cpu"]));
        CollectionAssert.AreEqual(new[] { "POM_5V_IN", "POM_5V_GPU", "POM_5V_CPU" }, api["power"].Keys("power"));
        Assert.AreEqual(1388.0, api["power"].Number("power.POM_5V_IN.current"));
        Assert.AreEqual(122.0, api["power"].Number("power.POM_5V_GPU.average"));
        Assert.AreEqual(163.0, api["power"].Number("power.POM_5V_CPU.current"));
        CollectionAssert.AreEqual(new[] { "pll", "cpu", "pmic", "gpu", "ao", "thermal" }, api["temperature"].Keys("temperature"), "JetPack 4's upper-case names, lower-cased as the Tegrastats API does");
        Assert.AreEqual(31.5, api["temperature"].Number("temperature.cpu"));
        Assert.AreEqual(31.25, api["temperature"].Number("temperature.thermal"));
        Assert.AreEqual(0.0, api["status"].Number("gpu.gr3d_freq"));
        Assert.AreEqual(922.0, api["status"].Number("gpu.freq_mhz"), "non-root tegrastats prints no GPU frequency; devfreq has it");
    }

    [TestMethod]
    public async Task RaspberryPi4_ServesProcfsValuesWithEmptyPowerAndNullGpu()
    {
        Dictionary<string, JsonElement> api = await RunAsync("raspberry-pi-4", withTegrastats: false);

        CollectionAssert.AreEqual(new (double?, double?, double?)[] { (0, 80, 1500), (1, 20, 1500), (2, 40, 600), (3, 0, 1500) }, Cores(api["cpu"]));
        Assert.IsEmpty(api["power"].Keys("power"));
        Assert.IsTrue(api["status"].IsNull("gpu.gr3d_freq"));
        Assert.AreEqual(49.925, api["temperature"].Number("temperature.cpu-thermal"));
        Assert.AreEqual(15299.0, api["memory"].Number("memory.ram.total"));
    }

    [TestMethod]
    public async Task BeforeTheFirstSample_DataEndpointsAre503NoDataAvailable()
    {
        using var source = new HookedSource();
        source.Gate.Reset();
        await using InProcessHost host = await InProcessHost.StartAsync(source);

        foreach (string part in Parts.Where(p => p != "health"))
        {
            using HttpResponseMessage response = await host.Http.GetAsync($"api/{part}");
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode, part);
            JsonElement body = Json.Parse(await response.Content.ReadAsStringAsync());
            Assert.AreEqual("No data available", body.Text("error"), part);
            Assert.IsNotNull(body.Text("timestamp"), part);
        }

        using HttpResponseMessage health = await host.Http.GetAsync("api/health");
        Assert.AreEqual("pi-stat", Json.Parse(await health.Content.ReadAsStringAsync()).Text("service"), "/api/health answers without data");
        source.Gate.Set();
    }

    [TestMethod]
    public async Task BeforeTheFirstSample_EveryDataEndpointAsksToRetryInASecond()
    {
        using var source = new HookedSource();
        source.Gate.Reset();
        await using InProcessHost host = await InProcessHost.StartAsync(source);

        foreach (string path in Parts.Where(p => p != "health").Select(p => $"api/{p}").Append("stats"))
        {
            using HttpResponseMessage response = await host.Http.GetAsync(path);
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode, path);
            Assert.AreEqual(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta, path);
        }

        source.Gate.Set();
    }
}
