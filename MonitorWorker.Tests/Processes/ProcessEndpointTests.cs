using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MonitorWorker.Processes;

namespace MonitorWorker.Tests.Processes;

/// <summary><c>/api/processes</c> and piStat's <c>/processes</c> on the process fixture tree, collected only when asked.</summary>
[TestClass]
public sealed class ProcessEndpointTests
{
    private static Task<InProcessHost> StartAsync(TimeProvider? time = null) => InProcessHost.StartAsync(new HookedSource(), options =>
    {
        options.Sampling.Probes.ProcPath = Path.Combine(Paths.Fixtures, "captures", "processes", "proc");
        options.Sampling.Probes.EtcPath = Path.Combine(Paths.Fixtures, "captures", "processes", "etc");
    }, time: time);

    [TestMethod]
    public async Task ApiProcesses_SortedByCpu_ListsTheTopWithEveryField()
    {
        await using InProcessHost host = await StartAsync();

        JsonElement body = Json.Parse(await host.Http.GetStringAsync("api/processes?sort=cpu&limit=2"));

        Assert.AreEqual(4, body.GetProperty("total").GetInt32());
        Assert.AreEqual(1, body.GetProperty("skipped").GetInt32());
        Assert.AreEqual(JsonValueKind.Null, body.GetProperty("cpu_window_seconds").ValueKind, "a first table measures each process over its life");
        Assert.AreEqual("cpu", body.GetProperty("sort").GetString());
        JsonElement[] processes = [.. body.GetProperty("processes").EnumerateArray()];
        CollectionAssert.AreEqual(new[] { 27079, 26231 }, processes.Select(p => p.GetProperty("pid").GetInt32()).ToArray());
        JsonElement vim = processes[1];
        CollectionAssert.AreEqual(
            new[] { "pid", "ppid", "name", "command", "user", "state", "cpu_percent", "rss_bytes", "memory_percent", "threads", "running_seconds" },
            vim.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual("vim", vim.GetProperty("name").GetString());
        Assert.AreEqual("vim test.go +10", vim.GetProperty("command").GetString());
        Assert.AreEqual("prometheus", vim.GetProperty("user").GetString());
        Assert.AreEqual("R", vim.GetProperty("state").GetString());
        Assert.AreEqual(6716L * 1024, vim.GetProperty("rss_bytes").GetInt64());
        Assert.AreEqual(0.02, vim.GetProperty("cpu_percent").GetDouble(), 1e-9, "17.21 s of CPU in 107676.25 s, to two places");
        Assert.AreEqual(107676.25, vim.GetProperty("running_seconds").GetDouble(), 0.5, "plus the moments since uptime was read");
        Assert.AreEqual(0.89, processes[0].GetProperty("cpu_percent").GetDouble(), 1e-9, "581.4 s in 65604.26 s");
    }

    [TestMethod]
    public async Task PiStatProcesses_HasPiStatsShape()
    {
        await using InProcessHost host = await StartAsync();

        JsonElement body = Json.Parse(await host.Http.GetStringAsync("processes?sort=memory&limit=10"));

        CollectionAssert.AreEqual(new[] { "processes", "timestamp" }, body.EnumerateObject().Select(p => p.Name).ToArray());
        JsonElement first = body.GetProperty("processes")[0];
        CollectionAssert.AreEqual(new[] { "pid", "name", "user", "cpu_percent", "memory_percent", "running_time" }, first.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual(26231, first.GetProperty("pid").GetInt32(), "the only process with resident memory in the tree");
        Assert.AreEqual(Math.Round(6716.0 * 100 / 15666184, 2), first.GetProperty("memory_percent").GetDouble(), 1e-9);
        Assert.AreEqual(4, body.GetProperty("processes").GetArrayLength());
    }

    [TestMethod]
    [DataRow("api/processes?sort=bogus", "sort: 'bogus' is not one of cpu, memory, name, pid, time")]
    [DataRow("processes?sort=", "sort: '' is not one of cpu, memory, name, pid, time")]
    [DataRow("api/processes?limit=0", "limit: '0' is not a positive whole number")]
    [DataRow("processes?limit=-3", "limit: '-3' is not a positive whole number")]
    [DataRow("api/processes?limit=2.5", "limit: '2.5' is not a positive whole number")]
    [DataRow("api/processes?limit=ten", "limit: 'ten' is not a positive whole number")]
    [DataRow("processes?sort=cpu&sort=pid", "sort: give it once")]
    public async Task BadQuery_Is400WithTheReason(string path, string reason)
    {
        await using InProcessHost host = await StartAsync();

        using HttpResponseMessage response = await host.Http.GetAsync(path);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.AreEqual(reason, Json.Parse(await response.Content.ReadAsStringAsync()).Text("error"));
        Assert.AreEqual(0, host.Service<ProcessWatch>().Collections, "a refused request reads nothing");
    }

    [TestMethod]
    public async Task Collections_RunOnlyWhenAsked_AndAtMostOncePerInterval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using InProcessHost host = await StartAsync(time);
        await host.WaitForFirstSnapshotAsync();
        ProcessWatch watch = host.Service<ProcessWatch>();

        Assert.AreEqual(0, watch.Collections, "sampling never reads processes");
        await host.Http.GetStringAsync("api/processes");
        await host.Http.GetStringAsync("processes?sort=name");
        Assert.AreEqual(1, watch.Collections, "within PISTAT_PROCESS_INTERVAL_SECONDS (2) requests share one table");

        time.Advance(TimeSpan.FromSeconds(2));
        await host.Http.GetStringAsync("api/processes");
        Assert.AreEqual(2, watch.Collections);
    }

    [TestMethod]
    [DataRow("1000", 100)]
    [DataRow("99999999999999999999", 100)]
    [DataRow("7", 7)]
    [DataRow(null, 10)]
    public void Limit_LargerThanTheCap_IsCutLikePiStatDoes(string? limit, int expected)
    {
        var query = new Microsoft.AspNetCore.Http.QueryCollection(limit is null ? [] : new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["limit"] = limit });

        Assert.IsTrue(ProcessQuery.TryParse(query, out ProcessQuery? parsed, out _));
        Assert.AreEqual(expected, parsed.Limit);
    }
}
