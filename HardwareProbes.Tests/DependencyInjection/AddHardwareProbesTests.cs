using HardwareProbes.DependencyInjection;
using HardwareProbes.Snapshots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HardwareProbes.Tests.DependencyInjection;

[TestClass]
public sealed class AddHardwareProbesTests
{
    [TestMethod]
    public void AddHardwareProbes_RegistersTheOptionsAndOneSourceForThisOperatingSystem()
    {
        var services = new ServiceCollection();
        services.AddHardwareProbes(o => o.DiskPaths = ["/"]);
        using ServiceProvider provider = services.BuildServiceProvider();

        ISnapshotSource source = provider.GetRequiredService<ISnapshotSource>();

        Assert.IsInstanceOfType<LinuxSnapshotSource>(source);
        Assert.AreSame(source, provider.GetRequiredService<ISnapshotSource>(), "one source per container");
        CollectionAssert.AreEqual(new[] { "/" }, provider.GetRequiredService<ProbeOptions>().DiskPaths.ToArray());
        Assert.IsNotNull(source.Collect().Memory, "this machine's /proc/meminfo");
    }

    [TestMethod]
    public void AddHardwareProbes_UsesTheContainersClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddHardwareProbes(Fixtures.OptionsFor(Fixtures.Board("x86-server")));
        using ServiceProvider provider = services.BuildServiceProvider();

        HardwareSnapshot snapshot = provider.GetRequiredService<ISnapshotSource>().Collect();

        Assert.AreEqual(time.GetUtcNow(), snapshot.Timestamp);
    }

    [TestMethod]
    public void AddHardwareProbes_BadOptions_AreRefusedWhenRegistered()
    {
        var services = new ServiceCollection();

        ArgumentException e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => services.AddHardwareProbes(o => o.ReadTimeout = TimeSpan.Zero));

        Assert.AreEqual("ReadTimeout", e.ParamName);
        Assert.IsEmpty(services, "nothing half-registered");
    }
}
