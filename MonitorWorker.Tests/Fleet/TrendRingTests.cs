using MonitorWorker.Fleet;

namespace MonitorWorker.Tests.Fleet;

[TestClass]
public sealed class TrendRingTests
{
    [TestMethod]
    public void Points_AreKeptOldestFirst_AnOlderOrRepeatedTimeIsIgnored()
    {
        var ring = new TrendRing();
        ring.Add(100, 10, 40);
        ring.Add(110, 20, null);
        ring.Add(110, 99, 99); // the same reading polled again
        ring.Add(105, 99, 99); // older than the newest

        FleetTrend trend = ring.ToTrend("http://pi:8585/");

        Assert.AreEqual("http://pi:8585/", trend.Url);
        CollectionAssert.AreEqual(new long[] { 100, 110 }, trend.Timestamps);
        CollectionAssert.AreEqual(new double?[] { 10, 20 }, trend.CpuUsagePercent);
        CollectionAssert.AreEqual(new double?[] { 40, null }, trend.TemperatureC);
    }

    [TestMethod]
    public void BeyondItsCapacity_TheOldestPointsGoFirst()
    {
        var ring = new TrendRing();
        for (int i = 0; i < TrendRing.Capacity + 15; i++)
        {
            ring.Add(1000 + (i * 10), i, 50 + i);
        }

        FleetTrend trend = ring.ToTrend(null);

        Assert.HasCount(TrendRing.Capacity, trend.Timestamps);
        Assert.AreEqual(1000 + (15 * 10), trend.Timestamps[0]);
        Assert.AreEqual(TrendRing.Capacity + 14, trend.CpuUsagePercent[^1]);
        Assert.IsTrue(trend.Timestamps.Zip(trend.Timestamps.Skip(1)).All(p => p.Second - p.First == 10), "in order, none lost in the wrap");
    }

    [TestMethod]
    [DataRow(10.0, 10L)]
    [DataRow(2.4, 2L)]
    [DataRow(0.2, 1L)]
    public void TheStep_IsThePeerIntervalInWholeSecondsAtLeastOne(double interval, long step)
        => Assert.AreEqual(step, TrendRing.StepSeconds(interval));
}
