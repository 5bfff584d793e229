using Microsoft.Extensions.DependencyInjection;
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
        var options = new AgentOptions { Demo = { Board = "raspberry-pi-4" } };
        var services = new ServiceCollection();
        services.AddSampling(options.Sampling, options.Demo.Name);
        string procBefore = options.Sampling.Probes.ProcPath;

        InvalidOperationException refused = Assert.ThrowsExactly<InvalidOperationException>(() => services.AddDemo(options.Demo, options.Sampling.Probes));

        StringAssert.Contains(refused.Message, "AddDemo must come before");
        Assert.AreEqual(procBefore, options.Sampling.Probes.ProcPath, "the probes' paths are left alone");
    }

    [TestMethod]
    public void AddDemo_WithoutADemo_IsANoOp_InEitherOrder()
    {
        var options = new AgentOptions();
        var services = new ServiceCollection();
        services.AddSampling(options.Sampling, options.Demo.Name);
        int registered = services.Count;

        services.AddDemo(options.Demo, options.Sampling.Probes);

        Assert.AreEqual(registered, services.Count);
    }

    [TestMethod]
    public void TheDemosName_IsItsFolderName()
    {
        Assert.AreEqual("raspberry-pi-5", new DemoOptions { Board = "/srv/boards/raspberry-pi-5/" }.Name);
        Assert.AreEqual("jetson-nano", new DemoOptions { Board = "jetson-nano" }.Name);
        Assert.IsNull(new DemoOptions().Name);
    }
}
