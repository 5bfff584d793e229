using System.Diagnostics;
using System.Text.Json;

namespace MonitorWorker.Tests.Deploy;

/// <summary>
/// deploy/prometheus/agent.yml for real: Prometheus in agent mode scrapes two pi-stat agents on loopback and
/// remote-writes to a second Prometheus that receives remote writes; the second then holds both nodes' series with
/// their labels.
/// </summary>
[TestClass]
public sealed class RemoteWriteTests
{
    [TestMethod]
    public async Task AnAgentModePrometheus_ForwardsBothNodes_ToTheCentralOne()
    {
        using var sourceA = new HookedSource();
        using var sourceB = new HookedSource();
        await using InProcessHost kitchen = await InProcessHost.StartAsync(sourceA, o => o.SampleSeconds = 0.5);
        await using InProcessHost orin = await InProcessHost.StartAsync(sourceB, o => o.SampleSeconds = 0.5);
        await kitchen.WaitForFirstSnapshotAsync();
        await orin.WaitForFirstSnapshotAsync();

        string work = Path.Combine(Path.GetTempPath(), "pi-stat-remote-write-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        int central = WorkerProcess.FreePort();
        int agent = WorkerProcess.FreePort();
        string shipped = File.ReadAllText(Path.Combine(Paths.Root, "deploy", "prometheus", "agent.yml"));
        string config = shipped
            .Replace("scrape_interval: 15s", "scrape_interval: 1s", StringComparison.Ordinal)
            .Replace("pi-kitchen:8585", kitchen.Http.BaseAddress!.Authority, StringComparison.Ordinal)
            .Replace("orin-nano-1:8585", orin.Http.BaseAddress!.Authority, StringComparison.Ordinal)
            .Replace("http://prometheus.example:9090/api/v1/write", $"http://127.0.0.1:{central}/api/v1/write", StringComparison.Ordinal);
        Assert.AreNotEqual(shipped, config, "the shipped file has the placeholders this test fills in");
        File.WriteAllText(Path.Combine(work, "agent.yml"), config);
        File.WriteAllText(Path.Combine(work, "central.yml"), "global:\n  scrape_interval: 1m\n");

        using Process receiver = Start("--web.enable-remote-write-receiver", $"--config.file={Path.Combine(work, "central.yml")}", $"--storage.tsdb.path={Path.Combine(work, "tsdb")}", $"--web.listen-address=127.0.0.1:{central}");
        using Process forwarder = Start("--enable-feature=agent", $"--config.file={Path.Combine(work, "agent.yml")}", $"--storage.agent.path={Path.Combine(work, "wal")}", $"--web.listen-address=127.0.0.1:{agent}");
        try
        {
            using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{central}/api/v1/"), Timeout = TimeSpan.FromSeconds(5) };
            JsonElement[] series = await QueryUntilAsync(api, "hardware_memory_total_bytes{job=\"pi-stat\"}", 2);

            string[] nodes = [.. series.Select(s => s.GetProperty("metric").GetProperty("node").GetString()!).Order(StringComparer.Ordinal)];
            CollectionAssert.AreEqual(new[] { "orin-nano-1", "pi-kitchen" }, nodes);
            Assert.IsTrue(series.All(s => s.GetProperty("metric").GetProperty("site").GetString() == "home"), "the agent's external label");
            Assert.AreEqual("jetson", series.Single(s => s.GetProperty("metric").GetProperty("node").GetString() == "orin-nano-1").GetProperty("metric").GetProperty("board").GetString());
            Assert.AreEqual(2, (await QueryUntilAsync(api, "up{job=\"pi-stat\"} == 1", 2)).Length, "both scrapes succeeded");
        }
        finally
        {
            foreach (Process p in new[] { forwarder, receiver })
            {
                p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync();
            }

            Directory.Delete(work, recursive: true);
        }
    }

    private static Process Start(params string[] arguments)
    {
        Process process = Process.Start(ExternalTool.StartInfo("prometheus", arguments))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Asks until the query has <paramref name="count"/> series: the first scrapes and writes take a few seconds.</summary>
    private static async Task<JsonElement[]> QueryUntilAsync(HttpClient api, string query, int count)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(90);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await api.GetStringAsync("query?query=" + Uri.EscapeDataString(query));
                JsonElement[] result = [.. Json.Parse(last).At("data.result").EnumerateArray()];
                if (result.Length >= count)
                {
                    return result;
                }
            }
            catch (HttpRequestException)
            {
                // still starting
            }

            await Task.Delay(250);
        }

        Assert.Fail($"the central Prometheus never had {count} series for {query}: {last}");
        return [];
    }
}
