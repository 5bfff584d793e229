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
        await using InProcessHost host = await InProcessHost.StartAsync(source, o => o.SampleSeconds = 0.2, notifier);
        await host.WaitForFirstSnapshotAsync();
        await Task.Delay(700);
        Assert.IsGreaterThanOrEqualTo(2, notifier.Watchdogs, "pings while sampling progresses");
        Assert.AreEqual(HttpStatusCode.OK, (await host.Http.GetAsync("health")).StatusCode);

        source.Gate.Reset();
        await Task.Delay(400); // a collection that was already running may still finish and ping once
        int pings = notifier.Watchdogs;
        await Task.Delay(1000);

        Assert.AreEqual(pings, notifier.Watchdogs, "no ping while the sampler is stuck");
        HttpResponseMessage health = await host.Http.GetAsync("health");
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        System.Text.Json.JsonElement body = Json.Parse(await health.Content.ReadAsStringAsync());
        Assert.AreEqual("unhealthy", body.Text("status"));
        StringAssert.StartsWith(body.Text("checks.sampler.description"), "sampler stalled: the newest snapshot is");
        source.Gate.Set();
    }
}
