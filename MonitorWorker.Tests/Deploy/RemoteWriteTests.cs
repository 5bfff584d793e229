using System.Text.Json;

namespace MonitorWorker.Tests.Deploy;

/// <summary>
/// Agents behind NAT: Prometheus in agent mode scrapes two pi-stat agents on loopback and remote-writes to a second
/// Prometheus started as a remote-write receiver; the receiver must then hold both nodes' series with their labels.
/// </summary>
[TestClass]
public sealed class RemoteWriteTests
{
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task AnAgentModePrometheus_RemoteWritesBothBoards_ToTheCentralOne()
    {
        string root = Directory.CreateTempSubdirectory("pistat-remote-write-").FullName;
        try
        {
            var fast = new Dictionary<string, string> { ["PISTAT_SAMPLE_SECONDS"] = "0.5" };
            await using WorkerProcess pi = WorkerProcess.Start(fast, "demo", "raspberry-pi-4");
            await using WorkerProcess jetson = WorkerProcess.Start(fast, "demo", "jetson-orin-nano");
            (await pi.WaitUntilServingAsync("metrics", b => b.Contains("hardware_cpu_utilization{", StringComparison.Ordinal))).Dispose();
            (await jetson.WaitUntilServingAsync("metrics", b => b.Contains("hardware_power_watts{", StringComparison.Ordinal))).Dispose();

            await using PrometheusProcess central = PrometheusProcess.Start(root, "central", "global: {}\n",
                "--web.enable-remote-write-receiver", $"--storage.tsdb.path={Path.Combine(root, "central-tsdb")}");
            await central.WaitUntilReadyAsync();

            // The shipped agent.yml, pointed at the two loopback agents and the central server; a short scrape interval
            // and batch deadline only so that the test does not wait 15 s for the first sample.
            string agentConfig = File.ReadAllText(Path.Combine(Paths.Root, "deploy", "prometheus", "agent.yml"))
                .Replace("scrape_interval: 15s", "scrape_interval: 1s", StringComparison.Ordinal)
                .Replace("'pi-kitchen:8585'", $"'127.0.0.1:{pi.Port}'", StringComparison.Ordinal)
                .Replace("'orin-nano-1:8585'", $"'127.0.0.1:{jetson.Port}'", StringComparison.Ordinal)
                .Replace("http://prometheus.example:9090", central.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal)
                + "    queue_config: {batch_send_deadline: 1s, min_backoff: 100ms, max_backoff: 1s}\n";
            StringAssert.Contains(agentConfig, $"127.0.0.1:{pi.Port}", "agent.yml no longer has the targets this test rewrites");
            await using PrometheusProcess agent = PrometheusProcess.Start(root, "agent", agentConfig,
                "--enable-feature=agent", $"--storage.agent.path={Path.Combine(root, "agent-wal")}");
            await agent.WaitUntilReadyAsync();

            // Both nodes' series arrive at the central server, with the scrape config's labels and the external label.
            JsonElement series = await central.WaitForResultAsync("hardware_cpu_utilization", r => r.GetArrayLength() == 2, agent);
            var byNode = series.EnumerateArray().ToDictionary(s => s.GetProperty("metric").GetProperty("node").GetString()!, s => s.GetProperty("metric"));
            CollectionAssert.AreEquivalent(new[] { "pi-kitchen", "orin-nano-1" }, byNode.Keys.ToArray());
            Assert.AreEqual("raspberry-pi", byNode["pi-kitchen"].GetProperty("board").GetString());
            Assert.AreEqual("jetson", byNode["orin-nano-1"].GetProperty("board").GetString());
            Assert.AreEqual("home", byNode["pi-kitchen"].GetProperty("site").GetString());
            Assert.AreEqual("pi-stat", byNode["orin-nano-1"].GetProperty("job").GetString());

            // Series only one board has arrive under that board's node.
            JsonElement power = await central.WaitForResultAsync("hardware_power_watts{rail=\"VDD_IN\"}", r => r.GetArrayLength() == 1, agent);
            Assert.AreEqual("orin-nano-1", power[0].GetProperty("metric").GetProperty("node").GetString());
            JsonElement throttle = await central.WaitForResultAsync("hardware_throttle_active{flag=\"under_voltage\"}", r => r.GetArrayLength() > 0, agent);
            Assert.IsTrue(throttle.EnumerateArray().All(s => s.GetProperty("metric").GetProperty("node").GetString() == "pi-kitchen"), throttle.ToString());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
