using HardwareProbes.Snapshots;

namespace HardwareProbes.Tests.Snapshots;

[TestClass]
public sealed class SnapshotSourceTests
{
    [TestMethod]
    public void Create_OnLinux_IsTheLinuxSource()
    {
        Assert.IsTrue(OperatingSystem.IsLinux(), "the suite runs on Linux");
        using ISnapshotSource source = SnapshotSource.Create(Fixtures.OptionsFor(Fixtures.Board("x86-server")));

        Assert.IsInstanceOfType<LinuxSnapshotSource>(source);
    }

    [TestMethod]
    public async Task CollectOverAsync_OnThisMachine_HasCpuUsageOnTheFirstCall()
    {
        // This machine's own counters: all CPUs together tick USER_HZ times a second each, busy or not.
        using ISnapshotSource source = SnapshotSource.Create(new ProbeOptions { DiskPaths = ["/"] });

        HardwareSnapshot s = await source.CollectOverAsync(TimeSpan.FromMilliseconds(300));

        Assert.IsNotNull(s.Cpu.UsagePercent, s.Sources["cpu_usage"]);
        Assert.IsInRange(0.0, 100.0, s.Cpu.UsagePercent.Value);
        Assert.AreEqual(HardwareSnapshot.Ok, s.Sources[SourceNames.CpuUsage]);
    }

    [TestMethod]
    public async Task CollectOverAsync_ZeroWindow_IsRefused()
    {
        using ISnapshotSource source = SnapshotSource.Create(Fixtures.OptionsFor(Fixtures.Board("x86-server")));

        await Assert.ThrowsExactlyAsync<ArgumentOutOfRangeException>(() => source.CollectOverAsync(TimeSpan.Zero));
    }
}
