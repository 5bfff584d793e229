using HardwareProbes;
using HardwareProbes.Snapshots;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MonitorWorker.TegrastatsApi;
using MonitorWorker.Push;
using MonitorWorker.Sampling;

namespace MonitorWorker.Tests.Push;

[TestClass]
public sealed class PushHubTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private PushHub Hub(int max = 10)
    {
        return new PushHub(Options.Create(new PushOptions { MaxConnections = max }), new SnapshotViews(), _time, NullLogger<PushHub>.Instance);
    }

    private static HardwareSnapshot Snapshot(int second)
    {
        using var source = new LinuxSnapshotSource(new ProbeOptions { ProcPath = Path.Combine(Paths.Board("x86-server"), "proc"), SysPath = Path.Combine(Paths.Board("x86-server"), "sys"), DiskPaths = [] });
        return source.Collect() with { Timestamp = new DateTimeOffset(2026, 1, 1, 0, 0, second, TimeSpan.Zero) };
    }

    private static (DefaultHttpContext Context, AbortRecorder Lifetime) Connection()
    {
        var context = new DefaultHttpContext();
        var lifetime = new AbortRecorder();
        context.Features.Set<IHttpRequestLifetimeFeature>(lifetime);
        return (context, lifetime);
    }

    [TestMethod]
    public void Publish_ToAClientThatDoesNotRead_KeepsOnlyTheNewestFour()
    {
        PushHub hub = Hub();
        Assert.IsTrue(hub.TryJoin(Connection().Context, out PushClient? client));

        for (int second = 0; second < 10; second++)
        {
            hub.Publish(Snapshot(second));
        }

        var kept = new List<string>();
        while (client!.Messages.TryRead(out PushMessage? message))
        {
            kept.Add(Json.Parse(System.Text.Encoding.UTF8.GetString(message.WebSocketFrame.Span)).Text("data.timestamp")!);
        }

        CollectionAssert.AreEqual(new[] { "2026-01-01T00:00:06.000Z", "2026-01-01T00:00:07.000Z", "2026-01-01T00:00:08.000Z", "2026-01-01T00:00:09.000Z" }, kept);
    }

    [TestMethod]
    public void Publish_ClientStuckLongerThanTheLimit_IsDisconnected()
    {
        PushHub hub = Hub();
        (DefaultHttpContext stuckContext, AbortRecorder stuck) = Connection();
        (DefaultHttpContext readerContext, AbortRecorder reader) = Connection();
        hub.TryJoin(stuckContext, out _);
        hub.TryJoin(readerContext, out PushClient? readingClient);

        hub.Publish(Snapshot(0));
        _time.Advance(PushHub.StallLimit);
        readingClient!.Messages.TryRead(out _);
        readingClient.Delivered(_time.GetTimestamp());
        hub.Publish(Snapshot(1));
        Assert.IsFalse(stuck.Aborted, "at the limit, not past it");

        _time.Advance(TimeSpan.FromSeconds(1));
        readingClient.Messages.TryRead(out _);
        readingClient.Delivered(_time.GetTimestamp());
        hub.Publish(Snapshot(2));

        Assert.IsTrue(stuck.Aborted);
        Assert.IsFalse(reader.Aborted);
    }

    [TestMethod]
    public void TryJoin_AtTheLimit_RefusesUntilAClientLeaves()
    {
        PushHub hub = Hub(max: 2);
        Assert.IsTrue(hub.TryJoin(Connection().Context, out PushClient? first));
        Assert.IsTrue(hub.TryJoin(Connection().Context, out _));

        Assert.IsFalse(hub.TryJoin(Connection().Context, out PushClient? refused));
        Assert.IsNull(refused);
        Assert.AreEqual(2, hub.Count);

        hub.Leave(first!);
        Assert.AreEqual(1, hub.Count);
        Assert.IsTrue(hub.TryJoin(Connection().Context, out _));
    }

    private sealed class AbortRecorder : IHttpRequestLifetimeFeature
    {
        public bool Aborted { get; private set; }

        public CancellationToken RequestAborted { get; set; }

        public void Abort() => Aborted = true;
    }
}
