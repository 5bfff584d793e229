using HardwareProbes.Cpu;

namespace HardwareProbes.Tests.Cpu;

[TestClass]
public sealed class CpuUsageTests
{
    private static CpuTimes Times(ulong user, ulong nice, ulong system, ulong idle, ulong iowait, ulong irq = 0, ulong softirq = 0, ulong steal = 0, ulong guest = 0)
        => new(user, nice, system, idle, iowait, irq, softirq, steal, guest, 0);

    [TestMethod]
    public void Percent_IowaitCountsAsIdleNotBusy()
    {
        double? usage = CpuUsage.Percent(Times(0, 0, 0, 0, 0), Times(25, 5, 10, 50, 10));

        Assert.AreEqual(40.0, usage!.Value, 1e-9);
    }

    [TestMethod]
    public void Percent_IrqSoftirqAndStealAreBusy()
    {
        double? usage = CpuUsage.Percent(Times(0, 0, 0, 0, 0), Times(10, 0, 0, 60, 0, irq: 10, softirq: 10, steal: 10));

        Assert.AreEqual(40.0, usage!.Value, 1e-9);
    }

    [TestMethod]
    public void Percent_GuestTimeIsNotCountedTwice()
    {
        // 50 ticks of user, 30 of them running a guest: still 50 busy out of 100.
        double? usage = CpuUsage.Percent(Times(0, 0, 0, 0, 0), Times(50, 0, 0, 50, 0, guest: 30));

        Assert.AreEqual(50.0, usage!.Value, 1e-9);
    }

    [TestMethod]
    public void Percent_NoTickElapsed_IsNull()
    {
        CpuTimes same = Times(1, 2, 3, 4, 5);

        Assert.IsNull(CpuUsage.Percent(same, same));
    }

    [TestMethod]
    public void Percent_CountersWentBackwards_IsNull()
    {
        Assert.IsNull(CpuUsage.Percent(Times(100, 0, 0, 100, 0), Times(10, 0, 0, 10, 0)));
    }

    [TestMethod]
    public void PerCore_MatchesByIdNotPosition()
    {
        var earlier = new CpuCounters(Times(0, 0, 0, 0, 0), [new CoreTimes(0, Times(0, 0, 0, 0, 0)), new CoreTimes(8, Times(0, 0, 0, 0, 0))]);
        var later = new CpuCounters(Times(0, 0, 0, 0, 0), [new CoreTimes(8, Times(90, 0, 0, 10, 0)), new CoreTimes(0, Times(10, 0, 0, 90, 0))]);

        IReadOnlyDictionary<int, double?> usage = CpuUsage.PerCore(earlier, later);

        Assert.AreEqual(10.0, usage[0]!.Value, 1e-9);
        Assert.AreEqual(90.0, usage[8]!.Value, 1e-9);
    }
}
