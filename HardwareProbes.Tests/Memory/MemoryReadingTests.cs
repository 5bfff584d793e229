using HardwareProbes.Memory;

namespace HardwareProbes.Tests.Memory;

[TestClass]
public sealed class MemoryReadingTests
{
    [TestMethod]
    public void From_KernelWithMemAvailable_UsesPsutilDefinitions()
    {
        MemoryReading memory = MemoryReading.From(MemInfo.Parse(Fixtures.Capture("edge__meminfo__x86_kernel3.14plus_with_MemAvailable.txt")));

        Assert.AreEqual(16268680L * 1024, memory.TotalBytes);
        Assert.AreEqual(8366284L * 1024, memory.AvailableBytes);
        Assert.AreEqual((7107356L + 642740) * 1024, memory.CachedBytes);
        Assert.AreEqual((16268680L - 349408 - 534320 - 7107356 - 642740) * 1024, memory.UsedBytes);
        Assert.AreEqual(48.574291214775876, memory.Percent, 1e-9);
        Assert.IsFalse(memory.AvailableIsEstimated);
    }

    [TestMethod]
    public void From_KernelWithoutMemAvailable_EstimatesFromFreeFileCacheAndReclaimableSlab()
    {
        MemoryReading memory = MemoryReading.From(MemInfo.Parse(Fixtures.Capture("edge__meminfo__openwrt_arm_no_MemAvailable.txt")));

        Assert.IsTrue(memory.AvailableIsEstimated);
        Assert.AreEqual((80288L + 14576 + 9360 + 6144) * 1024, memory.AvailableBytes);
        Assert.AreEqual(9568256L, memory.UsedBytes);
        Assert.AreEqual(11.795920976919634, memory.Percent, 1e-9);
    }

    [TestMethod]
    public void From_NoFileCacheLines_FallsBackToFreePlusCached()
    {
        MemoryReading memory = MemoryReading.From(MemInfo.Parse("MemTotal: 1000 kB\nMemFree: 200 kB\nCached: 300 kB\n"));

        Assert.AreEqual(500L * 1024, memory.AvailableBytes);
        Assert.AreEqual(50.0, memory.Percent, 1e-9);
    }

    [TestMethod]
    public void From_CachesLargerThanUsed_FallsBackToTotalMinusFree()
    {
        // Seen in containers: buffers + cached exceed total - free.
        MemoryReading memory = MemoryReading.From(MemInfo.Parse("MemTotal: 1000 kB\nMemFree: 400 kB\nMemAvailable: 700 kB\nBuffers: 300 kB\nCached: 400 kB\n"));

        Assert.AreEqual(600L * 1024, memory.UsedBytes);
    }
}
