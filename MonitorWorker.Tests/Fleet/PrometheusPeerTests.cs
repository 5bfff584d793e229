using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MonitorWorker.Fleet;

namespace MonitorWorker.Tests.Fleet;

/// <summary>Microcontroller boards and exporters in PISTAT_PEERS: polled gently, shown as nodes, re-exported on /metrics.</summary>
[TestClass]
public sealed class PrometheusPeerTests
{
    [TestMethod]
    public async Task ABoardLikePrometheusExpress_IsANodeWithItsSamples_WithoutTheSdksPlaceholders()
    {
        using var board = new FakeBoard();
        using var poller = Poller(TimeProvider.System, board.Url);

        await poller.PollOnceAsync(CancellationToken.None);

        FleetNode node = poller.Nodes.Single();
        Assert.AreEqual(("ok", PeerParser.Prometheus, "127.0.0.1"), (node.Status, node.Source, node.Hostname));
        Assert.IsNull(node.Error);
        FleetGauge bme = node.Gauges!.Single(g => g.Name == "prom_express_temperature" && g.Labels["sensor"] == "bme680");
        Assert.AreEqual((24.7359, "gauge"), (bme.Value, bme.Type));
        Assert.AreEqual(1588, node.Gauges!.Single(g => g.Name == "prom_express_requests").Value);
        Assert.AreEqual(0.375, node.Gauges!.Single(g => g.Name == "prom_express_latency_total").Value);
        Assert.IsFalse(node.Gauges!.Any(g => g.Labels.Values.Contains("None")), "a series of labels never set is the SDK's placeholder, not a reading");
        StringAssert.Contains(node.Labels["left_out"], "a second HELP for prom_express_latency_count");
        Assert.AreEqual(1, board.Connections);
    }

    [TestMethod]
    public async Task ABoardsTrend_KeepsItsFirstEightSeries_AtThePollsTimes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T12:00:00Z", CultureInfo.InvariantCulture));
        using var board = new FakeBoard();
        using var poller = Poller(time, board.Url, intervalSeconds: 10);

        await poller.PollOnceAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));
        await poller.PollOnceAsync(CancellationToken.None);

        FleetTrend trend = poller.Trends.Single();
        CollectionAssert.AreEqual(new[] { 1796644800L, 1796644810L }, trend.Timestamps);
        Assert.HasCount(6, trend.Gauges!, "the board's six series besides the placeholders, fewer than TrendRing.MaxGauges");
        CollectionAssert.AreEqual(new double?[] { 24.7359, 24.7359 }, trend.Gauges!["prom_express_temperature{sensor=\"bme680\"}"]);
        Assert.IsTrue(trend.CpuUsagePercent.All(v => v is null), "a board has no CPU figure");
    }

    [TestMethod]
    public async Task AFailingBoard_RestsLongerAfterEachFailure_AndIsPolledOnAConnectionAtATime()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T12:00:00Z", CultureInfo.InvariantCulture));
        using var board = new FakeBoard(resetsFirst: 2);
        using var poller = Poller(time, board.Url, intervalSeconds: 10);

        await poller.PollOnceAsync(CancellationToken.None); // reset: rests 10 s
        Assert.AreEqual("unreachable", poller.Nodes[0].Status);
        StringAssert.Contains(poller.Nodes[0].Error, "next poll in 10 s");
        await poller.PollOnceAsync(CancellationToken.None); // resting: not asked
        Assert.AreEqual(1, board.Connections);

        time.Advance(TimeSpan.FromSeconds(10));
        await poller.PollOnceAsync(CancellationToken.None); // reset again: rests 20 s
        StringAssert.Contains(poller.Nodes[0].Error, "next poll in 20 s");
        time.Advance(TimeSpan.FromSeconds(10));
        await poller.PollOnceAsync(CancellationToken.None);
        Assert.AreEqual(2, board.Connections, "still resting after the second failure");

        time.Advance(TimeSpan.FromSeconds(10));
        await poller.PollOnceAsync(CancellationToken.None); // recovered
        Assert.AreEqual("ok", poller.Nodes[0].Status);
        time.Advance(TimeSpan.FromSeconds(10));
        await poller.PollOnceAsync(CancellationToken.None); // no rest once it answers
        Assert.AreEqual(4, board.Connections);
        Assert.AreEqual(1, board.MostAtOnce);
    }

    [TestMethod]
    public async Task BoardsThatResetOrNeverAccept_AreErrorRows_AndTheGoodBoardIsReadInTheSameRound()
    {
        using var good = new FakeBoard();
        using var resets = new FakeBoard(FakeBoard.Behaviour.Resets);
        using var stalls = new FakeBoard(FakeBoard.Behaviour.StallsAccept);
        using var poller = Poller(TimeProvider.System, good.Url, resets.Url, stalls.Url, timeoutSeconds: 1);

        await poller.PollOnceAsync(CancellationToken.None);

        Assert.AreEqual("ok", poller.Nodes[0].Status);
        Assert.AreEqual("unreachable", poller.Nodes[1].Status);
        // A reset shows as a failed write, a failed read or an empty answer, by when the RST arrives: never as a wait.
        Assert.IsFalse(string.IsNullOrEmpty(poller.Nodes[1].Error));
        Assert.DoesNotContain("no answer within", poller.Nodes[1].Error!);
        Assert.AreEqual("unreachable", poller.Nodes[2].Status);
        StringAssert.Contains(poller.Nodes[2].Error, "no answer within 1 s");
        Assert.AreEqual((1, 1), (good.Connections, good.MostAtOnce));
        CollectionAssert.AreEqual(new[] { true, false, false }, poller.Expositions.Select(e => e.Up).ToArray());
    }

    [TestMethod]
    public async Task TheAgentsMetrics_CarryTheBoardsSamplesWithAPeerLabel_ForPromtoolAndARealPrometheus()
    {
        using var good = new FakeBoard(limitRate: true);
        using var resets = new FakeBoard(FakeBoard.Behaviour.Resets, limitRate: true);
        using FixtureTree tree = FixtureTree.Copy("raspberry-pi-4");
        Dictionary<string, string> environment = tree.Environment();
        environment["PISTAT_PEERS"] = $"{good.Url},{resets.Url}";
        environment["PISTAT_PEER_INTERVAL_SECONDS"] = "1";
        await using WorkerProcess worker = WorkerProcess.Start(environment);
        string peer = $"127.0.0.1:{good.Url.Port}";
        (HttpClient http, string metrics) = await worker.WaitForBodyAsync("metrics", body => body.Contains("prom_express_temperature", StringComparison.Ordinal));

        StringAssert.Contains(metrics, $"prom_express_temperature{{sensor=\"bme680\",peer=\"{peer}\"}} 24.7359\n");
        StringAssert.Contains(metrics, $"pistat_peer_up{{peer=\"127.0.0.1:{resets.Url.Port}\"}} 0\n");
        StringAssert.Contains(metrics, "# TYPE prom_express_requests untyped\n", "a counter without _total, as promtool's lint asks");
        StringAssert.Contains(metrics, $"prom_express_latency_total{{path=\"/metrics\",peer=\"{peer}\"}} 0.375\n");
        Assert.DoesNotContain("\"None\"", metrics);
        (int exitCode, string output) = ExternalTool.Run("promtool", metrics, "check", "metrics");
        Assert.AreEqual(0, exitCode, $"promtool check metrics:\n{output}\n{metrics}");

        using HttpResponseMessage openMetrics = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "metrics") { Headers = { { "Accept", "application/openmetrics-text; version=1.0.0" } } });
        string openMetricsBody = await openMetrics.Content.ReadAsStringAsync();
        StringAssert.EndsWith(openMetricsBody, "# EOF\n");
        StringAssert.Contains(openMetricsBody, "# TYPE prom_express_requests unknown\n");

        await using PrometheusProcess prometheus = await PrometheusProcess.ScrapingAsync(tree.Root, worker.Port);
        JsonElement result = await prometheus.WaitForResultAsync($"prom_express_temperature{{sensor=\"bme680\",peer=\"{peer}\",job=\"pi-stat\"}}", r => r.GetArrayLength() == 1);
        Assert.AreEqual("24.7359", result[0].GetProperty("value")[1].GetString());
        await prometheus.WaitForResultAsync("pistat_peer_up == 0", r => r.GetArrayLength() == 1);

        string fleet = await http.GetStringAsync("api/monitoring/resources");
        JsonElement nodes = Json.Parse(fleet).GetProperty("nodes");
        Assert.AreEqual(3, nodes.GetArrayLength());
        Assert.AreEqual("prometheus", nodes[1].GetProperty("source").GetString());
        Assert.AreEqual("unreachable", nodes[2].GetProperty("status").GetString());
        Assert.AreEqual(0, good.TooFast);
        Assert.AreEqual(1, good.MostAtOnce, "the board never sees two connections at once");
    }

    private static FleetPoller Poller(TimeProvider time, params Uri[] peers) => Poller(time, peers, 10, 3);

    private static FleetPoller Poller(TimeProvider time, Uri peer, int intervalSeconds) => Poller(time, [peer], intervalSeconds, 3);

    private static FleetPoller Poller(TimeProvider time, Uri a, Uri b, Uri c, int timeoutSeconds) => Poller(time, [a, b, c], 10, timeoutSeconds);

    private static FleetPoller Poller(TimeProvider time, Uri[] peers, int intervalSeconds, int timeoutSeconds)
        => new(Microsoft.Extensions.Options.Options.Create(new FleetOptions { Peers = peers, PeerIntervalSeconds = intervalSeconds, PeerTimeoutSeconds = timeoutSeconds }), time);
}
