using System.Net;
using MonitorWorker.Tests.Sampling;

namespace MonitorWorker.Tests.Sampling;

/// <summary>A sampler whose collection hangs stops feeding the watchdog, and /health turns unhealthy (503).</summary>
[TestClass]
public sealed class StalledSamplerTests
{
    [TestMethod]
    public async Task StalledSampler_StopsWatchdogPingsAndIsUnhealthy()
    {
        using var source = new HookedSource();
        var notifier = new RecordingNotifier();
        await using InProcessHost host = await InProcessHost.StartAsync(source, o => o.Sampling.SampleSeconds = 0.2, notifier);
        await host.WaitForFirstSnapshotAsync();
        await WaitForAsync(() => Task.FromResult(notifier.Watchdogs >= 2), "two pings while sampling progresses");
        Assert.IsGreaterThanOrEqualTo(2, notifier.Watchdogs, "pings while sampling progresses");
        Assert.AreEqual(HttpStatusCode.OK, (await host.Http.GetAsync("health")).StatusCode);

        // Stuck: the sampler's next collection waits at the gate. Every ping of the samples before it was sent before
        // it began (a ping follows its sample), so from here on the count must not move.
        source.Gate.Reset();
        await WaitForAsync(() => Task.FromResult(source.Waiting >= 1), "the sampler to be stuck in a collection");
        int pings = notifier.Watchdogs;
        HttpResponseMessage health = null!;
        await WaitForAsync(async () => (health = await host.Http.GetAsync("health")).StatusCode != HttpStatusCode.OK, "/health to notice the stall");

        Assert.AreEqual(pings, notifier.Watchdogs, "no ping while the sampler is stuck");
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        System.Text.Json.JsonElement body = Json.Parse(await health.Content.ReadAsStringAsync());
        Assert.AreEqual("unhealthy", body.Text("status"));
        StringAssert.StartsWith(body.Text("checks.sampler.description"), "sampler stalled: the newest snapshot is");
        source.Gate.Set();
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.IsLessThan(deadline, DateTime.UtcNow, "timed out waiting for " + what);
            await Task.Delay(20);
        }
    }
}
