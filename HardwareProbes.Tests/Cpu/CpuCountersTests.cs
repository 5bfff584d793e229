using HardwareProbes.Cpu;

namespace HardwareProbes.Tests.Cpu;

[TestClass]
public sealed class CpuCountersTests
{
    [TestMethod]
    [DataRow("procfs__proc_stat.txt", 8, 7, 29098UL, 268UL, 10164UL, 1139282UL, 555UL, 31UL, 0UL)]
    [DataRow("node_exporter__proc_stat.txt", 8, 7, 29098UL, 268UL, 10164UL, 1139282UL, 555UL, 31UL, 0UL)]
    [DataRow("edge__proc_stat__offline_cpus_sparse_numbering_PARTIAL.txt", 25, 96, 101846UL, 22UL, 78433UL, 172521391UL, 21805UL, 624UL, 0UL)]
    public void Parse_RealCapture_ReadsEveryCoreUnderItsKernelId(string capture, int cores, int lastId, ulong user, ulong nice, ulong system, ulong idle, ulong iowait, ulong softirq, ulong steal)
    {
        CpuCounters stat = CpuCounters.Parse(Fixtures.Capture(capture));

        Assert.HasCount(cores, stat.Cores);
        CoreTimes last = stat.Cores[^1];
        Assert.AreEqual(lastId, last.Id);
        Assert.AreEqual(new CpuTimes(user, nice, system, idle, iowait, last.Times.Irq, softirq, steal, last.Times.Guest, last.Times.GuestNice), last.Times);
    }

    [TestMethod]
    public void Parse_SparseNumbering_KeepsRealIds()
    {
        CpuCounters stat = CpuCounters.Parse(Fixtures.Capture("edge__proc_stat__offline_cpus_sparse_numbering_PARTIAL.txt"));

        CollectionAssert.AreEqual(new[] { 0, 1, 8, 9, 16, 17 }, stat.Cores.Take(6).Select(c => c.Id).ToArray());
    }

    [TestMethod]
    public void Parse_AggregateLine_ExcludesGuestFromBusyAndCountsIowaitAsIdle()
    {
        // node_exporter's capture carries guest 44 and guest_nice 36, already inside user and nice.
        CpuCounters stat = CpuCounters.Parse(Fixtures.Capture("node_exporter__proc_stat.txt"));

        Assert.AreEqual(44UL, stat.Total.Guest);
        Assert.AreEqual(36UL, stat.Total.GuestNice);
        Assert.AreEqual(301854UL + 612 + 111922 + 2 + 3944 + 0, stat.Total.Busy);
        Assert.AreEqual(stat.Total.Busy + 8979004UL + 3552, stat.Total.Total);
    }

    [TestMethod]
    public void Parse_OldKernelWithFourCounters_LeavesLaterCountersZero()
    {
        CpuCounters stat = CpuCounters.Parse("cpu  10 20 30 40\ncpu0 10 20 30 40\n");

        Assert.AreEqual(new CpuTimes(10, 20, 30, 40, 0, 0, 0, 0, 0, 0), stat.Cores[0].Times);
    }

    [TestMethod]
    public void Parse_TruncatedLine_NamesTheLine()
    {
        var error = Assert.ThrowsExactly<FormatException>(() => CpuCounters.Parse("cpu  1 2 3 4 5\ncpu0 1 2 3 4 5\ncpu1 46504 3"));

        StringAssert.StartsWith(error.Message, "line 3 \"cpu1 46504 3\"");
    }

    [TestMethod]
    public void Parse_GarbageCounter_NamesTheField()
    {
        var error = Assert.ThrowsExactly<FormatException>(() => CpuCounters.Parse("cpu  1 2 x 4\n"));

        StringAssert.Contains(error.Message, "'x' is not an unsigned integer");
    }

    [TestMethod]
    public void Parse_NoCpuLines_Fails()
    {
        Assert.ThrowsExactly<FormatException>(() => CpuCounters.Parse("intr 1 2 3\nctxt 4\n"));
    }
}
