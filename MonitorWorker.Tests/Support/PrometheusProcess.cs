using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace MonitorWorker.Tests;

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

    /// <summary>A server scraping one agent every second as job <c>pi-stat</c>, its data in <paramref name="folder"/>, once it is ready.</summary>
    public static async Task<PrometheusProcess> ScrapingAsync(string folder, int agentPort)
    {
        PrometheusProcess prometheus = Start(folder, "prometheus", $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: pi-stat
                static_configs:
                  - targets: ['127.0.0.1:{agentPort}']
            """, $"--storage.tsdb.path={Path.Combine(folder, "tsdb")}");
        await prometheus.WaitUntilReadyAsync();
        return prometheus;
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

    /// <summary>
    /// Runs an instant query until its result meets <paramref name="done"/>; on failure shows this server's log and the
    /// state of <paramref name="sender"/>, the Prometheus that feeds it, if there is one.
    /// </summary>
    public async Task<JsonElement> WaitForResultAsync(string query, Func<JsonElement, bool> done, PrometheusProcess? sender = null)
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

        string feeder = sender is null ? "" : $"\n--- {sender.Name} ---\n{await sender.StateAsync()}";
        Assert.Fail($"no result for {query} in 120 s; last answer {last}{feeder}\n--- {Name} ---\n{Output()}");
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
