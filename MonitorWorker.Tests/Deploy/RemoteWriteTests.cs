using System.Diagnostics;
using System.Text;
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

/// <summary>A Prometheus server on a free loopback port, its output kept for a failure message.</summary>
internal sealed class PrometheusProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly HttpClient _http;

    private PrometheusProcess(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    private string Name { get; init; } = "";

    public static PrometheusProcess Start(string folder, string name, string config, params string[] arguments)
    {
        string file = Path.Combine(folder, name + ".yml");
        File.WriteAllText(file, config);
        int port = WorkerProcess.FreePort();
        ProcessStartInfo start = ExternalTool.StartInfo("prometheus", [$"--config.file={file}", $"--web.listen-address=127.0.0.1:{port}", .. arguments]);
        return new PrometheusProcess(Process.Start(start)!, port) { Name = name };
    }

    public async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.IsFalse(_process.HasExited, $"prometheus ({Name}) exited:\n{Output()}");
            try
            {
                using HttpResponseMessage response = await _http.GetAsync("-/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // still starting
            }

            await Task.Delay(100);
        }

        Assert.Fail($"prometheus ({Name}) was not ready in 60 s:\n{Output()}");
    }

    /// <summary>Runs an instant query until its result meets <paramref name="done"/>; on failure shows both servers' state.</summary>
    public async Task<JsonElement> WaitForResultAsync(string query, Func<JsonElement, bool> done, PrometheusProcess sender)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await _http.GetStringAsync("api/v1/query?query=" + Uri.EscapeDataString(query));
                JsonElement result = Json.Parse(last).At("data.result");
                if (done(result))
                {
                    return result;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"no result for {query} in 120 s; last answer {last}\n--- {sender.Name} ---\n{await sender.StateAsync()}\n--- {Name} ---\n{Output()}");
        return default;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _http.Dispose();
    }

    /// <summary>Its log, its targets and its remote-write counters.</summary>
    private async Task<string> StateAsync()
    {
        string targets;
        string counters;
        try
        {
            targets = await _http.GetStringAsync("api/v1/targets");
            counters = string.Join('\n', (await _http.GetStringAsync("metrics")).Split('\n')
                .Where(l => l.StartsWith("prometheus_remote_storage_", StringComparison.Ordinal) || l.StartsWith("prometheus_agent_", StringComparison.Ordinal)));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            targets = counters = e.Message;
        }

        return $"{Output()}\ntargets: {targets}\n{counters}";
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
