using Microsoft.Extensions.DependencyInjection;
using MonitorWorker.Configuration;
using MonitorWorker.Demo;
using MonitorWorker.Sampling;

namespace MonitorWorker.Tests.Demo;

/// <summary>The demo points the probes at its board: registered after them it would serve this machine, so it refuses.</summary>
[TestClass]
public sealed class DemoServicesTests
{
    [TestMethod]
    public void AddDemo_AfterTheProbes_Throws_WithoutCopyingTheBoard()
    {
        var options = new PiStatOptions { Demo = "raspberry-pi-4" };
        var services = new ServiceCollection();
        services.AddSampling(options);
        string procBefore = options.Probes.ProcPath;

        InvalidOperationException refused = Assert.ThrowsExactly<InvalidOperationException>(() => services.AddDemo(options));

        StringAssert.Contains(refused.Message, "AddDemo must come before");
        Assert.AreEqual(procBefore, options.Probes.ProcPath, "the probes' paths are left alone");
    }

    [TestMethod]
    public void AddDemo_WithoutADemo_IsANoOp_InEitherOrder()
    {
        var options = new PiStatOptions();
        var services = new ServiceCollection();
        services.AddSampling(options);
        int registered = services.Count;

        services.AddDemo(options);

        Assert.AreEqual(registered, services.Count);
    }

    [TestMethod]
    public void TheDemosName_IsItsFolderName()
    {
        Assert.AreEqual("raspberry-pi-5", new PiStatOptions { Demo = "/srv/boards/raspberry-pi-5/" }.DemoName);
        Assert.AreEqual("jetson-nano", new PiStatOptions { Demo = "jetson-nano" }.DemoName);
        Assert.IsNull(new PiStatOptions().DemoName);
    }
}
