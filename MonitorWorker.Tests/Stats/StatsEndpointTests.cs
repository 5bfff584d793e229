using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using MonitorWorker.Tests.Sampling;

namespace MonitorWorker.Tests.Stats;

/// <summary>SPEC §4's request model over HTTP: cached, cache=false single-flight, block=true windows, bad query values.</summary>
[TestClass]
public sealed class StatsEndpointTests
{
    [TestMethod]
    public async Task CacheFalse_HundredConcurrentRequests_CauseOneCollection()
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source);
        await host.WaitForFirstSnapshotAsync();
        int before = source.Collections;
        int asked = host.Store.FreshRequests;

        // Hold the collection until all 100 requests have arrived: they are concurrent by construction.
        source.Gate.Reset();
        Task<HttpResponseMessage>[] requests = [.. Enumerable.Range(0, 100).Select(_ => host.Http.GetAsync("stats?cache=false"))];
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (host.Store.FreshRequests - asked < 100)
        {
            Assert.IsLessThan(deadline, DateTime.UtcNow, $"only {host.Store.FreshRequests - asked} requests arrived");
            await Task.Delay(10);
        }

        source.Gate.Set();
        HttpResponseMessage[] responses = await Task.WhenAll(requests);

        Assert.IsTrue(responses.All(r => r.StatusCode == HttpStatusCode.OK));
        Assert.AreEqual(1, source.Collections - before, "one collection shared by 100 concurrent cache=false requests");
    }

    [TestMethod]
    public async Task Cached_FreshSnapshot_IsServedWithoutCollecting()
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source, o => o.Sampling.CacheSeconds = 60);
        await host.WaitForFirstSnapshotAsync();
        int before = source.Collections;

        for (int i = 0; i < 20; i++)
        {
            Assert.AreEqual(HttpStatusCode.OK, (await host.Http.GetAsync(i % 2 == 0 ? "stats" : "stats?cache=TRUE")).StatusCode);
        }

        Assert.AreEqual(before, source.Collections);
    }

    [TestMethod]
    public async Task Cached_StaleSnapshot_IsReplacedByAFreshOne()
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source, o => o.Sampling.CacheSeconds = 0);
        await host.WaitForFirstSnapshotAsync();
        int before = source.Collections;
        while (host.Store.LatestAge <= TimeSpan.Zero)
        {
            await Task.Delay(1); // older than the zero-second cache: stale
        }

        Assert.AreEqual(HttpStatusCode.OK, (await host.Http.GetAsync("stats")).StatusCode);
        Assert.AreEqual(before + 1, source.Collections);
    }

    [TestMethod]
    public async Task BlockTrue_MeasuresAOneSecondWindowStartingAfterTheRequest_EvenWithAFreshCache()
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source, o => o.Sampling.CacheSeconds = 60);
        await host.WaitForFirstSnapshotAsync();
        DateTimeOffset asked = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();

        string body = await host.Http.GetStringAsync("stats?block=1");

        clock.Stop();
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromSeconds(1), clock.Elapsed);
        Assert.IsLessThan(TimeSpan.FromSeconds(3), clock.Elapsed);
        Assert.IsGreaterThanOrEqualTo(asked, source.LastBaselineReadAt!.Value, "the window starts after the request arrived");
        Assert.AreSame(source.LastBaselineRead, source.LastBaselineUsed, "the snapshot's CPU usage is measured from that baseline");
        Assert.IsNotNull(Json.Parse(body).Number("cpu_usage"), "this machine's CPU over the window");
    }

    [TestMethod]
    public async Task BlockTrue_ConcurrentRequests_ShareOneWindow()
    {
        // The service's clock is held: the window's gathering time does not pass until all 20 requests have arrived,
        // however slowly a busy machine delivers them; then its gathering time and its second pass.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var source = new HookedSource(time: time);
        await using InProcessHost host = await InProcessHost.StartAsync(source, time: time);
        await host.WaitForFirstSnapshotAsync();
        int reads = source.BaselineReads;
        int asked = host.Store.BlockRequests;

        Task<HttpResponseMessage[]> all = Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.Http.GetAsync("stats?block=true")));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (host.Store.BlockRequests - asked < 20)
        {
            Assert.IsLessThan(deadline, DateTime.UtcNow, $"only {host.Store.BlockRequests - asked} requests arrived");
            await Task.Delay(10);
        }

        // The gathering delay is registered by the window's own task, which a busy thread pool may start late: a step
        // of the clock taken before it is followed by another, until the baseline is read.
        while (source.BaselineReads == reads)
        {
            Assert.IsLessThan(deadline, DateTime.UtcNow, "the window never read its baseline");
            time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(50);
        }

        // The window's 1 s delay starts just after the baseline read; a step that came before it is followed by another.
        for (int step = 0; step < 5 && !all.IsCompleted; step++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(2)));
        }

        HttpResponseMessage[] responses = await all.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.IsTrue(responses.All(r => r.StatusCode == HttpStatusCode.OK));
        Assert.AreEqual(1, source.BaselineReads - reads);
    }

    [TestMethod]
    [DataRow("stats?block=maybe", "block: 'maybe' is not a boolean (true, false, 1, 0, yes, no, on, off)")]
    [DataRow("stats?cache=yesplease", "cache: 'yesplease' is not a boolean (true, false, 1, 0, yes, no, on, off)")]
    [DataRow("stats?block=true&block=false", "block: 'true,false' is not a boolean (true, false, 1, 0, yes, no, on, off)")]
    public async Task BadQueryValue_Is400WithAJsonError(string path, string message)
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source);
        await host.WaitForFirstSnapshotAsync();

        HttpResponseMessage response = await host.Http.GetAsync(path);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        System.Text.Json.JsonElement error = Json.Parse(await response.Content.ReadAsStringAsync());
        Assert.AreEqual(message, error.Text("error"));
        Assert.IsTrue(DateTimeOffset.TryParse(error.Text("timestamp"), out _));
    }

    [TestMethod]
    public async Task BeforeTheFirstSnapshot_Is503WithRetryAfter()
    {
        using var source = new HookedSource();
        source.Gate.Reset();
        await using InProcessHost host = await InProcessHost.StartAsync(source);

        HttpResponseMessage response = await host.Http.GetAsync("stats");

        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.AreEqual("No snapshot yet: the first one is being taken", Json.Parse(await response.Content.ReadAsStringAsync()).Text("error"));
        Assert.AreEqual("1", response.Headers.RetryAfter!.ToString());
        source.Gate.Set();
    }
}
