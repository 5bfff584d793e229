using System.Text.Json;
using MonitorWorker.Fleet;

namespace MonitorWorker.Tests.Fleet;

[TestClass]
public sealed class FleetTests
{
    // An original piStat agent's /stats: its documented fields only (no sources, no sample_age_seconds).
    private const string PiStatBody = """
        {"cpu_temp": 51.5, "cpu_freq": 1500.0, "cpu_usage": 20.0,
         "memory": {"total": 4000000000, "available": 3000000000, "used": 1000000000, "percent": 25.0},
         "swap": {"total": 0, "used": 0, "free": 0, "percent": 0.0},
         "disk": {"total": 32000000000, "used": 8000000000, "free": 24000000000, "percent": 25.0},
         "network": {"lo": {"bytes_sent": 999, "bytes_recv": 999, "packets_sent": 9, "packets_recv": 9},
                     "eth0": {"bytes_sent": 1000, "bytes_recv": 5000, "packets_sent": 10, "packets_recv": 50},
                     "wlan0": {"bytes_sent": 200, "bytes_recv": 300, "packets_sent": 2, "packets_recv": 3, "signal_strength": -60}},
         "uptime": 1234.5, "load_avg": [0.1, 0.2, 0.3], "timestamp": 1796180000.25}
        """;

    // A Tegrastats API server's /api/status.
    private const string TegrastatsBody = """
        {"cpu": {"cores": [{"id": 0, "usage": 10, "freq": 729}, {"id": 1, "usage": 30, "freq": 1200}]},
         "gpu": {"gr3d_freq": 63}, "memory": {"ram": {"used": 2048, "total": 8192, "unit": "MB"}, "swap": {"used": 0, "total": 0, "unit": "MB", "cached": 0}},
         "temperature": {"cpu": 48.5, "gpu": 47.0}, "power": {}, "timestamp": "2026-12-02T04:00:00Z"}
        """;

    [TestMethod]
    public async Task EveryKindOfPeer_IsOneNode_TheUnreachableOnesAreMarked_AndTheSummaryCountsOnlyTheReachable()
    {
        using var sourceA = new HookedSource();
        using var sourceB = new HookedSource();
        await using InProcessHost agentA = await InProcessHost.StartAsync(sourceA, o => o.Sampling.Labels = new Dictionary<string, string> { ["site"] = "a" });
        await using InProcessHost agentB = await InProcessHost.StartAsync(sourceB);
        await agentA.WaitForFirstSnapshotAsync(); // before the gateway's first round: an agent without a sample answers 503
        await agentB.WaitForFirstSnapshotAsync();
        using FakePeer piStat = FakePeer.Answering(new() { ["stats"] = (200, PiStatBody) });
        using FakePeer tegrastats = FakePeer.Answering(new() { ["api/status"] = (200, TegrastatsBody) });
        using FakePeer hanging = FakePeer.Hanging();
        using System.Net.Sockets.Socket bound = FakePeer.RefusingPort(out Uri refused);
        Uri[] peers = [agentA.Http.BaseAddress!, agentB.Http.BaseAddress!, piStat.Url, tegrastats.Url, refused, hanging.Url];

        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source, o =>
        {
            o.Fleet.Peers = peers;
            o.Fleet.PeerTimeoutSeconds = 15; // generous for the real agents on a busy machine; the hanging peer takes this long
            o.Fleet.PeerIntervalSeconds = 3600;
            o.Sampling.Labels = new Dictionary<string, string> { ["role"] = "gateway" };
        });
        await host.WaitForFirstSnapshotAsync();

        // The first round starts with the service; wait for it to have gone through every peer.
        JsonElement body = default;
        await Eventually.UntilAsync(
            async () =>
            {
                body = Json.Parse(await host.Http.GetStringAsync("api/monitoring/resources"));
                return !body.GetProperty("nodes").EnumerateArray().Any(n => n.Text("error") == "not polled yet");
            },
            "the first polling round to finish");

        CollectionAssert.AreEqual(new[] { "timestamp", "nodes", "summary" }, Names(body));
        Assert.IsTrue(DateTimeOffset.TryParse(body.Text("timestamp"), out _), "ISO-8601");
        JsonElement[] nodes = [.. body.GetProperty("nodes").EnumerateArray()];
        Assert.HasCount(7, nodes);
        foreach (JsonElement node in nodes)
        {
            CollectionAssert.AreEqual(new[] { "timestamp", "node_ip", "hostname", "cpu", "memory", "network", "flash", "labels", "throttling", "status", "source", "url", "last_seen", "error" }, Names(node));
            CollectionAssert.AreEqual(new[] { "frequency_mhz", "usage_percent", "temperature_c" }, Names(node.GetProperty("cpu")));
            CollectionAssert.AreEqual(new[] { "total_bytes", "free_bytes", "used_bytes", "usage_percent" }, Names(node.GetProperty("memory")));
            CollectionAssert.AreEqual(new[] { "total_bytes", "free_bytes", "used_bytes", "usage_percent" }, Names(node.GetProperty("flash")));
            CollectionAssert.AreEqual(new[] { "bytes_sent", "bytes_received", "packets_sent", "packets_received", "rssi_dbm", "signal_quality_percent", "bytes_sent_per_second", "bytes_received_per_second" }, Names(node.GetProperty("network")));
        }

        CollectionAssert.AreEqual(new[] { "self", "pi-stat", "pi-stat", "pistat", "tegrastats-api", null, null }, nodes.Select(n => n.Text("source")).ToArray(), string.Join("; ", nodes.Select(n => n.Text("error"))));
        Assert.AreEqual("gateway", nodes[0].Text("labels.role"));
        StringAssert.StartsWith(nodes[0].Text("labels.agent"), "self ");
        Assert.AreEqual("a", nodes[1].Text("labels.site"), "a peer's PISTAT_LABELS travel in its /stats");
        Assert.AreEqual("linux", nodes[1].Text("labels.board"));

        JsonElement original = nodes[3];
        Assert.AreEqual("ok", original.Text("status"));
        Assert.AreEqual(1796180000.0, original.Number("timestamp"));
        Assert.AreEqual(20.0, original.Number("cpu.usage_percent"));
        Assert.AreEqual(1500.0, original.Number("cpu.frequency_mhz"));
        Assert.AreEqual(51.5, original.Number("cpu.temperature_c"));
        Assert.AreEqual(3000000000.0, original.Number("memory.free_bytes"), "free = available");
        Assert.AreEqual(25.0, original.Number("flash.usage_percent"));
        Assert.AreEqual(1200.0, original.Number("network.bytes_sent"), "eth0 + wlan0, not lo");
        Assert.AreEqual(5300.0, original.Number("network.bytes_received"));
        Assert.AreEqual(53.0, original.Number("network.packets_received"));
        Assert.AreEqual(-60.0, original.Number("network.rssi_dbm"));
        Assert.AreEqual(80.0, original.Number("network.signal_quality_percent"), "2 × (−60 + 100)");
        Assert.IsTrue(original.IsNull("network.bytes_sent_per_second"), "piStat gives no rates: null, never 0");
        Assert.AreEqual("127.0.0.1", original.Text("hostname"), "piStat names no host: the URL's");
        Assert.IsTrue(original.IsNull("throttling.now"), "this piStat body has no power section");
        Assert.IsTrue(jetsonIsNull(nodes[4]));
        static bool jetsonIsNull(JsonElement node) => node.IsNull("throttling.now") && node.IsNull("throttling.occurred");

        JsonElement jetson = nodes[4];
        Assert.AreEqual(20.0, jetson.Number("cpu.usage_percent"), "the cores' average");
        Assert.AreEqual(1200.0, jetson.Number("cpu.frequency_mhz"), "the fastest core");
        Assert.AreEqual(48.5, jetson.Number("cpu.temperature_c"));
        Assert.AreEqual(8192.0 * 1024 * 1024, jetson.Number("memory.total_bytes"));
        Assert.AreEqual(6144.0 * 1024 * 1024, jetson.Number("memory.free_bytes"));
        Assert.AreEqual(25.0, jetson.Number("memory.usage_percent"));
        Assert.IsTrue(jetson.IsNull("network.bytes_sent") && jetson.IsNull("flash.usage_percent"), "what the Tegrastats API does not give is null, never 0");
        Assert.AreEqual(DateTimeOffset.Parse("2026-12-02T04:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(), (long)jetson.Number("timestamp")!.Value);

        foreach ((JsonElement node, string why) in new[] { (nodes[5], "ConnectionRefused"), (nodes[6], "no answer within 15 s (PISTAT_PEER_TIMEOUT_SECONDS)") })
        {
            Assert.AreEqual("unreachable", node.Text("status"));
            StringAssert.Contains(node.Text("error"), why);
            Assert.IsTrue(node.IsNull("last_seen"), "never seen");
            Assert.IsTrue(node.IsNull("cpu.usage_percent"));
        }

        // The summary, by hand from the nodes that answered.
        JsonElement[] up = nodes[..5];
        JsonElement summary = body.GetProperty("summary");
        Assert.AreEqual(7.0, summary.Number("total_nodes"));
        Assert.AreEqual(5.0, summary.Number("reachable_nodes"));
        double?[] cpu = [.. up.Select(n => n.Number("cpu.usage_percent"))];
        Assert.AreEqual(cpu.OfType<double>().Average(), summary.Number("avg_cpu_usage_percent")!.Value, 1e-9);
        Assert.AreEqual(up.Select(n => n.Number("memory.usage_percent")).OfType<double>().Average(), summary.Number("avg_memory_usage_percent")!.Value, 1e-9);
        Assert.AreEqual(up.Select(n => n.Number("flash.usage_percent")).OfType<double>().Average(), summary.Number("avg_flash_usage_percent")!.Value, 1e-9);
        Assert.AreEqual(up.Sum(n => n.Number("network.bytes_sent") ?? 0), summary.Number("total_bytes_sent")!.Value, 1);
    }

    [TestMethod]
    public async Task APeerThatStopsAnswering_KeepsItsLastReadings_AndSaysWhenItWasLastSeen()
    {
        using FakePeer piStat = FakePeer.Answering(new() { ["stats"] = (200, PiStatBody) });
        var options = new FleetOptions { Peers = [piStat.Url], PeerTimeoutSeconds = 15 };
        using var poller = new FleetPoller(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System);

        await poller.PollOnceAsync(CancellationToken.None);
        FleetNode seen = poller.Nodes.Single();
        Assert.AreEqual("ok", seen.Status);
        piStat.StopAnswering();
        await poller.PollOnceAsync(CancellationToken.None);

        FleetNode gone = poller.Nodes.Single();
        Assert.AreEqual("unreachable", gone.Status);
        Assert.AreEqual(seen.LastSeen, gone.LastSeen);
        Assert.AreEqual(20.0, gone.Cpu.UsagePercent, "the last readings stay, marked unreachable");
        Assert.AreEqual("/stats answered 404 Not Found", gone.Error);
        Assert.AreEqual(2, poller.Rounds);
    }

    [TestMethod]
    public async Task AnAgentPeer_StartsItsTrendFromItsOwnHistoryOnce_ThenEachPollAddsAPoint()
    {
        const long Now = 1796180000;
        string stats = $$"""{"cpu_usage": 20.0, "cpu_temp": 51.5, "sample_age_seconds": 0.2, "timestamp": {{Now}}.4}""";
        string history = $$$"""
            {"timestamps": [{{{Now - 20}}}, {{{Now - 10}}}, {{{Now - 5}}}],
             "series": {"cpu.usage": {"unit": "%", "avg": [5.5, null, 7.25]}, "cpu.temp": {"unit": "°C", "avg": [49, 50, "hot"]} } }
            """;
        using FakePeer peer = FakePeer.Answering(new() { ["stats"] = (200, stats), ["api/history"] = (200, history) });
        using var poller = new FleetPoller(Microsoft.Extensions.Options.Options.Create(new FleetOptions { Peers = [peer.Url], PeerIntervalSeconds = 5, PeerTimeoutSeconds = 15 }), TimeProvider.System);

        await poller.PollOnceAsync(CancellationToken.None);
        await poller.PollOnceAsync(CancellationToken.None); // the same reading again: no new point, no second history request

        FleetTrend trend = poller.Trends.Single();
        Assert.AreEqual(peer.Url.ToString(), trend.Url);
        CollectionAssert.AreEqual(new long[] { Now - 20, Now - 10, Now - 5, Now }, trend.Timestamps);
        CollectionAssert.AreEqual(new double?[] { 5.5, null, 7.25, 20.0 }, trend.CpuUsagePercent);
        CollectionAssert.AreEqual(new double?[] { 49, 50, null, 51.5 }, trend.TemperatureC, "a value that is not a number is null");
        string[] asked = [.. peer.Paths.Where(p => p.StartsWith("api/history", StringComparison.Ordinal))];
        Assert.HasCount(1, asked);
        Assert.AreEqual($"api/history?series=cpu.usage,cpu.temp&start={Now - (5 * TrendRing.Capacity)}&end={Now}&step=5", asked[0]);
    }

    [TestMethod]
    public async Task APeerWithoutHistory_OrWithAGarbledOne_StartsItsTrendAtItsFirstPoll()
    {
        using FakePeer original = FakePeer.Answering(new() { ["stats"] = (200, PiStatBody) });
        using FakePeer garbled = FakePeer.Answering(new()
        {
            ["stats"] = (200, """{"cpu_usage": 30, "sample_age_seconds": 0.1, "timestamp": 1796180000}"""),
            ["api/history"] = (200, """{"timestamps": "soon" """),
        });
        using var poller = new FleetPoller(Microsoft.Extensions.Options.Options.Create(new FleetOptions { Peers = [original.Url, garbled.Url], PeerTimeoutSeconds = 15 }), TimeProvider.System);

        await poller.PollOnceAsync(CancellationToken.None);

        Assert.AreEqual("ok", poller.Nodes[1].Status, "a bad history answer does not make the peer unreachable");
        CollectionAssert.AreEqual(new long[] { 1796180000 }, poller.Trends[0].Timestamps);
        CollectionAssert.AreEqual(new double?[] { 20.0 }, poller.Trends[0].CpuUsagePercent);
        Assert.IsFalse(original.Paths.Any(p => p.StartsWith("api/history", StringComparison.Ordinal)), "an original piStat agent has no history to ask");
        CollectionAssert.AreEqual(new double?[] { 30.0 }, poller.Trends[1].CpuUsagePercent);
    }

    [TestMethod]
    public async Task Trends_ListThisNodeFromItsHistoryFirst_ThenEachPeer()
    {
        using FakePeer peer = FakePeer.Answering(new() { ["stats"] = (200, PiStatBody) });
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source, o =>
        {
            o.Fleet.Peers = [peer.Url];
            o.Fleet.PeerIntervalSeconds = 3600;
            o.Fleet.PeerTimeoutSeconds = 15;
        });
        await host.WaitForFirstSnapshotAsync();
        FleetPoller poller = host.Service<FleetPoller>();
        await Eventually.UntilAsync(() => poller.Rounds > 0, "the first polling round to finish");

        // The history records a snapshot after the store has it: wait for its first point rather than race it.
        JsonElement body = default;
        await Eventually.UntilAsync(
            async () =>
            {
                body = Json.Parse(await host.Http.GetStringAsync("api/monitoring/trends"));
                return body.GetProperty("nodes")[0].GetProperty("timestamps").GetArrayLength() >= 1;
            },
            "this node's first point in its history");

        Assert.AreEqual(3600, body.GetProperty("step_seconds").GetInt64());
        JsonElement[] nodes = [.. body.GetProperty("nodes").EnumerateArray()];
        Assert.HasCount(2, nodes);
        Assert.AreEqual(JsonValueKind.Null, nodes[0].GetProperty("url").ValueKind, "this node first");
        Assert.IsGreaterThanOrEqualTo(1, nodes[0].GetProperty("timestamps").GetArrayLength(), "this node's own history");
        double[] cpu = [.. nodes[0].GetProperty("cpu_usage_percent").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble())];
        Assert.IsTrue(cpu.All(v => v is >= 0 and <= 100), "CPU % " + string.Join(", ", cpu));
        Assert.AreEqual(nodes[0].GetProperty("timestamps").GetArrayLength(), nodes[0].GetProperty("temperature_c").GetArrayLength(), "a value per timestamp");
        Assert.AreEqual(peer.Url.ToString(), nodes[1].GetProperty("url").GetString());
        Assert.AreEqual(1796180000, nodes[1].GetProperty("timestamps")[0].GetInt64());
        Assert.AreEqual(51.5, nodes[1].GetProperty("temperature_c")[0].GetDouble());
    }

    [TestMethod]
    public async Task APeerBehindAKey_SaysSo_AndTheKeyIsSent()
    {
        const string Key = "a-peer-key-of-16-chars";
        using var source = new HookedSource();
        await using InProcessHost locked = await InProcessHost.StartAsync(source, o => o.Access.ApiKey = Key);
        await locked.WaitForFirstSnapshotAsync();
        var without = new FleetPoller(Microsoft.Extensions.Options.Options.Create(new FleetOptions { Peers = [locked.Http.BaseAddress!] }), TimeProvider.System);
        var with = new FleetPoller(Microsoft.Extensions.Options.Options.Create(new FleetOptions { Peers = [locked.Http.BaseAddress!], PeerApiKey = Key }), TimeProvider.System);

        await without.PollOnceAsync(CancellationToken.None);
        await with.PollOnceAsync(CancellationToken.None);

        StringAssert.Contains(without.Nodes.Single().Error, "PISTAT_PEER_API_KEY");
        Assert.AreEqual("ok", with.Nodes.Single().Status);
        without.Dispose();
        with.Dispose();
    }

    [TestMethod]
    public void APisThrottling_IsAnyConditionNow_AndAnySinceBoot()
    {
        JsonElement stats = Json.Parse("""{"cpu_usage": 5, "sample_age_seconds": 0.1, "power": {"under_voltage": false, "throttled": false, "freq_capped": false, "soft_temp_limit": false, "under_voltage_occurred": true, "throttled_occurred": false, "freq_capped_occurred": null, "soft_temp_limit_occurred": false}}""");
        FleetNode node = PeerParser.FromStats(stats, PeerParser.PiStat, new Uri("http://pi:8585/"), DateTimeOffset.UnixEpoch);
        Assert.AreEqual(new FleetThrottling(false, true), node.Throttling);
        Assert.AreEqual(PeerParser.PiStat, PeerParser.StatsKind(stats));
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    [TestMethod]
    public async Task AnAgentThatIsNotReady_IsNotTakenForATegrastatsApiServer()
    {
        // A pi-stat agent before its first sample: /stats is a 503, and /api/status answers like the Tegrastats API.
        using FakePeer starting = FakePeer.Answering(new() { ["stats"] = (503, "{\"error\":\"No data available\"}"), ["api/status"] = (200, TegrastatsBody) });
        using var poller = new FleetPoller(Microsoft.Extensions.Options.Options.Create(new FleetOptions { Peers = [starting.Url] }), TimeProvider.System);

        await poller.PollOnceAsync(CancellationToken.None);

        FleetNode node = poller.Nodes.Single();
        Assert.AreEqual("unreachable", node.Status);
        Assert.AreEqual("/stats answered 503 Service Unavailable", node.Error);
        Assert.IsNull(node.Source);
    }

    [TestMethod]
    [DataRow(-40, 100)]
    [DataRow(-50, 100)]
    [DataRow(-75, 50)]
    [DataRow(-100, 0)]
    [DataRow(-120, 0)]
    public void SignalQuality_IsTwiceTheDbmAboveMinus100_Clamped(int dbm, int quality)
        => Assert.AreEqual(quality, PeerParser.SignalQuality(dbm));
}
