using System.Net;
using System.Text.Json;
using MonitorWorker.Fleet;

namespace MonitorWorker.Tests.Fleet;

[TestClass]
public sealed class FleetScaleTests
{
    private const string Body = """{"cpu_usage": 10.0, "memory": {"total": 100, "available": 50, "used": 50, "percent": 50.0}, "disk": {"total": 100, "used": 20, "free": 80, "percent": 20.0}, "timestamp": 1796180000}""";

    [TestMethod]
    public async Task AHundredPeers_TenHanging_ArePolledTogether_AndTheAnswerNeverWaitsForThem()
    {
        var answering = Enumerable.Range(0, 90).Select(_ => FakePeer.Answering(new() { ["stats"] = (200, Body) })).ToList();
        var hanging = Enumerable.Range(0, 10).Select(_ => FakePeer.Hanging()).ToList();
        try
        {
            using var source = new HookedSource();
            await using InProcessHost host = await InProcessHost.StartAsync(source, o =>
            {
                o.Fleet.Peers = [.. answering.Select(p => p.Url), .. hanging.Select(p => p.Url)];
                o.Fleet.PeerTimeoutSeconds = 20;
                o.Fleet.PeerIntervalSeconds = 3600;
            });
            await host.WaitForFirstSnapshotAsync();
            FleetPoller poller = host.Service<FleetPoller>();

            // All ten hanging peers hold a connection at the same time: they are polled side by side, not in turn.
            DateTime deadline = DateTime.UtcNow.AddSeconds(15);
            while (hanging.Sum(p => p.Held) < 10)
            {
                Assert.IsLessThan(deadline, DateTime.UtcNow, $"only {hanging.Sum(p => p.Held)} hanging peers were asked at once");
                await Task.Delay(20);
            }

            // Mid-round, while ten peers hang: the endpoint answers from what it has.
            Assert.AreEqual(0, poller.Rounds, "the first round waits for the hanging peers");
            HttpResponseMessage during = await host.Http.GetAsync("api/monitoring/resources");
            Assert.AreEqual(HttpStatusCode.OK, during.StatusCode);
            Assert.AreEqual(0, poller.Rounds, "answered before the round ended");
            Assert.AreEqual(101, Json.Parse(await during.Content.ReadAsStringAsync()).GetProperty("nodes").GetArrayLength());

            // The round ends when the hanging peers time out; the 90 others were answered by then.
            deadline = DateTime.UtcNow.AddSeconds(120);
            while (poller.Rounds < 1)
            {
                Assert.IsLessThan(deadline, DateTime.UtcNow, "the round did not end");
                await Task.Delay(50);
            }

            Assert.IsTrue(answering.All(p => p.Requests == 1), "each answering peer was asked once");
            JsonElement body = Json.Parse(await host.Http.GetStringAsync("api/monitoring/resources"));
            JsonElement[] nodes = [.. body.GetProperty("nodes").EnumerateArray()];
            Assert.AreEqual(90, nodes.Count(n => n.Text("source") == "pistat" && n.Text("status") == "ok"));
            Assert.AreEqual(10, nodes.Count(n => n.Text("status") == "unreachable" && n.Text("error")!.StartsWith("no answer within 20 s", StringComparison.Ordinal)));
            Assert.AreEqual(91.0, body.Number("summary.reachable_nodes"));
            Assert.AreEqual(50.0, body.Number("summary.avg_memory_usage_percent")!.Value, 50.0 / 91, "90 peers at 50 % and this machine");
        }
        finally
        {
            answering.ForEach(p => p.Dispose());
            hanging.ForEach(p => p.Dispose());
        }
    }
}
