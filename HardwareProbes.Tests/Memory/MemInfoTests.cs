using HardwareProbes.Memory;

namespace HardwareProbes.Tests.Memory;

[TestClass]
public sealed class MemInfoTests
{
    [TestMethod]
    [DataRow("procfs__proc_meminfo.txt", 15666184L, 440324L, null, 1020128L, 12007640L, 1738124L, 0L, 0L)]
    [DataRow("node_exporter__proc_meminfo.txt", 3742148L, 225472L, null, 22040L, 930888L, 44772L, 4194300L, 3155360L)]
    [DataRow("edge__meminfo__x86_kernel3.14plus_with_MemAvailable.txt", 16268680L, 349408L, 8366284L, 534320L, 7107356L, 642740L, 0L, 0L)]
    [DataRow("edge__meminfo__openwrt_arm_no_MemAvailable.txt", 125128L, 80288L, null, 7652L, 21700L, 6144L, 0L, 0L)]
    public void Parse_RealCapture_ReadsLinesInBytes(string capture, long total, long free, long? available, long buffers, long cached, long reclaimable, long swapTotal, long swapFree)
    {
        MemInfo info = MemInfo.Parse(Fixtures.Capture(capture));

        Assert.AreEqual(total * 1024, info.MemTotalBytes);
        Assert.AreEqual(free * 1024, info.MemFreeBytes);
        Assert.AreEqual(available * 1024, info.MemAvailableBytes);
        Assert.AreEqual(buffers * 1024, info.BuffersBytes);
        Assert.AreEqual(cached * 1024, info.CachedBytes);
        Assert.AreEqual(reclaimable * 1024, info.SReclaimableBytes);
        Assert.AreEqual(swapTotal * 1024, info.SwapTotalBytes);
        Assert.AreEqual(swapFree * 1024, info.SwapFreeBytes);
    }

    [TestMethod]
    public void Parse_HugePagesLinesWithoutUnit_AreSkippedWithoutError()
    {
        MemInfo info = MemInfo.Parse("MemTotal: 100 kB\nMemFree: 50 kB\nHugePages_Total:       0\nHugepagesize:       2048 kB\n");

        Assert.AreEqual(102400L, info.MemTotalBytes);
    }

    [TestMethod]
    public void Parse_GarbageValue_NamesTheLine()
    {
        var error = Assert.ThrowsExactly<FormatException>(() => MemInfo.Parse("MemTotal: 100 kB\nMemFree: lots kB\n"));

        StringAssert.StartsWith(error.Message, "line 2 \"MemFree: lots kB\"");
    }

    [TestMethod]
    public void Parse_NoMemTotal_Fails()
    {
        var error = Assert.ThrowsExactly<FormatException>(() => MemInfo.Parse("MemFree: 1 kB\n"));

        Assert.AreEqual("no MemTotal line", error.Message);
    }
}
