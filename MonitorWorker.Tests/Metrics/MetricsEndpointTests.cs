using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using MonitorWorker.Metrics;

namespace MonitorWorker.Tests.Metrics;

/// <summary>/metrics from the real worker on fixture trees: promtool's checks, and a real Prometheus server scraping it.</summary>
[TestClass]
public sealed class MetricsEndpointTests
{
    [TestMethod]
    [DataRow("raspberry-pi-4")]
    [DataRow("raspberry-pi-5")]
    [DataRow("jetson-orin-nano")]
    [DataRow("x86-server")]
    [DataRow("broken")]
    public async Task Metrics_PassPromtoolCheck(string board)
    {
        // The broken tree holds a FIFO and unreadable files, so it runs in place; the others step /proc/stat for a CPU usage.
        using FixtureTree? tree = board == "broken" ? null : FixtureTree.Copy(board);
        await using WorkerProcess worker = WorkerProcess.Start(tree?.Environment() ?? WorkerProcess.BoardEnvironment(board));
        using HttpClient http = await worker.WaitUntilServingAsync("stats");
        tree?.AdvanceCpuCounters();
        (HttpClient waited, string metrics) = await worker.WaitForBodyAsync("metrics", body => tree is null || body.Contains("hardware_cpu_utilization{", StringComparison.Ordinal));
        waited.Dispose();

        using HttpResponseMessage response = await http.GetAsync("metrics");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("text/plain", response.Content.Headers.ContentType!.MediaType);
        (int exitCode, string output) = ExternalTool.Run("promtool", metrics, "check", "metrics");
        Assert.AreEqual(0, exitCode, $"promtool check metrics:\n{output}");
        StringAssert.Contains(metrics, "hardware_source_up{");
        Assert.DoesNotContain("otel_metric_overflow", metrics, "every series fits the limits MetricsEndpoints sets");
        if (tree is not null)
        {
            // Every core of the tree's /proc/stat in every mode: the per-CPU limits keep them all.
            int cores = File.ReadLines(Path.Combine(tree.Root, "proc", "stat")).Count(l => l.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(l[3]));
            Assert.AreEqual(cores * 8, metrics.Split('\n').Count(l => l.StartsWith("hardware_cpu_time_seconds_total{", StringComparison.Ordinal)));
        }
    }

    [TestMethod]
    public void SeriesLimits_FollowTheLabelsOfEachInstrument()
    {
        Assert.AreEqual(1, MetricsEndpoints.SeriesLimit("hardware.memory.total"));
        Assert.AreEqual(MetricsEndpoints.MaxCpus, MetricsEndpoints.SeriesLimit("hardware.cpu.frequency"));
        Assert.AreEqual(MetricsEndpoints.MaxCpus * 8, MetricsEndpoints.SeriesLimit("hardware.cpu.time"), "8 modes from user to steal");
        Assert.AreEqual(MetricsEndpoints.MaxSeries, MetricsEndpoints.SeriesLimit("hardware.temperature"));
        Assert.IsNull(MetricsEndpoints.SeriesLimit("some.other.instrument"), "an instrument the table does not know keeps the SDK's default");
    }

    [TestMethod]
    public async Task PrometheusServer_ScrapesTheWorker_AndFindsTheFixtureValues()
    {
        using FixtureTree tree = FixtureTree.Copy("jetson-orin-nano");
        Dictionary<string, string> environment = tree.Environment();
        environment["PISTAT_TEGRASTATS_PATH"] = tree.OneLineTegrastats();
        await using WorkerProcess worker = WorkerProcess.Start(environment);
        await worker.WaitUntilServingAsync("metrics", body => body.Contains("hardware_power_watts", StringComparison.Ordinal));

        await using PrometheusProcess prometheus = await PrometheusProcess.ScrapingAsync(tree.Root, worker.Port);
        Assert.AreEqual(1.0, await QueryAsync(prometheus, "up{job=\"pi-stat\"}"));
        Assert.AreEqual(12.479, await QueryAsync(prometheus, "hardware_power_watts{rail=\"VDD_IN\"}"), 1e-9);
        Assert.AreEqual(16268680.0 * 1024, await QueryAsync(prometheus, "hardware_memory_total_bytes"));
        Assert.AreEqual(53.343, await QueryAsync(prometheus, "hardware_temperature_celsius{zone=\"gpu-thermal\"}"));
        Assert.AreEqual(0.63, await QueryAsync(prometheus, "hardware_gpu_utilization"));
        Assert.AreEqual(621e6, await QueryAsync(prometheus, "hardware_gpu_frequency_hertz"));
    }

    /// <summary>The value of the single sample an instant query has once the first scrapes are in.</summary>
    private static async Task<double> QueryAsync(PrometheusProcess prometheus, string query)
    {
        JsonElement result = await prometheus.WaitForResultAsync(query, r => r.GetArrayLength() == 1);
        return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }
}
