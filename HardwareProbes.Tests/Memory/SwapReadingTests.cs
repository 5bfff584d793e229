using HardwareProbes.Memory;

namespace HardwareProbes.Tests.Memory;

[TestClass]
public sealed class SwapReadingTests
{
    [TestMethod]
    public void From_RealCaptureWithSwap_ComputesUsedAndPercent()
    {
        SwapReading swap = SwapReading.From(MemInfo.Parse(Fixtures.Capture("node_exporter__proc_meminfo.txt")));

        Assert.AreEqual(4194300L * 1024, swap.TotalBytes);
        Assert.AreEqual((4194300L - 3155360) * 1024, swap.UsedBytes);
        Assert.AreEqual(3155360L * 1024, swap.FreeBytes);
        Assert.AreEqual((4194300 - 3155360) * 100.0 / 4194300, swap.Percent, 1e-9);
        Assert.AreEqual(192504L * 1024, swap.CachedBytes);
    }

    [TestMethod]
    public void From_NoSwapCachedLine_LeavesCachedNull()
    {
        SwapReading swap = SwapReading.From(MemInfo.Parse("MemTotal: 100 kB\nMemFree: 50 kB\nSwapTotal: 10 kB\nSwapFree: 4 kB\n"));

        Assert.AreEqual(6L * 1024, swap.UsedBytes);
        Assert.IsNull(swap.CachedBytes);
    }
}
