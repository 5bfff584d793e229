using HardwareProbes.Cpu;
using HardwareProbes.Identity;
using HardwareProbes.Snapshots;
using MonitorWorker.Push;
using MonitorWorker.Sampling;
using MonitorWorker.Stats;
using MonitorWorker.TegrastatsApi;

namespace MonitorWorker.Tests.Sampling;

/// <summary>Every view of a snapshot is built once and shared until a newer snapshot arrives.</summary>
[TestClass]
public sealed class SnapshotViewsTests
{
    private static int _built;

    private static readonly SnapshotView<object> Counted = new("counted", (_, _) =>
    {
        Interlocked.Increment(ref _built);
        return new object();
    });

    private static HardwareSnapshot At(int second) => new()
    {
        Timestamp = new DateTimeOffset(2026, 1, 1, 0, 0, second, TimeSpan.Zero),
        Identity = new DeviceIdentity(BoardKind.Linux, "test", null, null, null, null, null),
        Cpu = new CpuReading(null, null, [], null),
        Sources = new Dictionary<string, string>(),
    };

    [TestMethod]
    public void AView_IsBuiltOncePerSnapshot()
    {
        var views = new SnapshotViews();
        HardwareSnapshot first = At(1);
        int before = _built;

        object a = views.Get(first, Counted);
        object b = views.Get(first, Counted);
        HardwareSnapshot second = At(2);
        object c = views.Get(second, Counted);

        Assert.AreSame(a, b);
        Assert.AreNotSame(a, c);
        Assert.AreEqual(2, _built - before);
    }

    [TestMethod]
    public void AnOlderSnapshot_DoesNotEvictTheNewestsViews()
    {
        var views = new SnapshotViews();
        HardwareSnapshot newer = At(5);
        object kept = views.Get(newer, Counted);

        _ = views.Get(At(4), Counted); // a request that still held the previous snapshot

        Assert.AreSame(kept, views.Get(newer, Counted));
    }

    [TestMethod]
    public void ThePushMessage_IsFramedAroundTheTegrastatsApiBodyOfTheSameCache()
    {
        var views = new SnapshotViews();
        HardwareSnapshot s = At(1);

        ApiStatusView api = views.Get(s, ApiStatusView.View);
        PushMessage push = views.Get(s, PushMessage.View);
        byte[] stats = views.Get(s, StatsBody.View).At(s.Timestamp);

        CollectionAssert.IsSubsetOf(api.Body, push.WebSocketFrame.ToArray());
        Assert.AreSame(api, views.Get(s, ApiStatusView.View), "the push view reused the API body");
        Assert.AreSame(stats, views.Get(s, StatsBody.View).At(s.Timestamp.AddMilliseconds(50)), "the same tenth of a second: the same bytes");
        Assert.AreNotSame(stats, views.Get(s, StatsBody.View).At(s.Timestamp.AddMilliseconds(150)), "a tenth later: the age changed");
    }
}
