using System.IO.Abstractions;
using HardwareProbes.IO;
using HardwareProbes.Jetson;
using HardwareProbes.ChildProcesses;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Tests.Jetson;

[TestClass]
public sealed class JetsonProbeTests
{
    [TestMethod]
    public async Task ATegrastatsThatRunsButHasPrintedNothing_IsStarting_NotStalled()
    {
        var options = new TegrastatsOptions { ExecutablePath = Path.Combine(Fixtures.Root, "tools", "tegrastats-hangs"), Interval = TimeSpan.FromSeconds(1) };
        await using var tegrastats = new TegrastatsSource(options, new FileSystem(), SystemProcessRunner.Instance, TimeProvider.System);
        using var files = new ProbeFiles(new FileSystem(), new ProbeOptions { ProcPath = Path.Combine(Fixtures.Board("jetson-orin-nano"), "proc"), SysPath = Path.Combine(Fixtures.Board("jetson-orin-nano"), "sys"), EtcPath = Path.Combine(Fixtures.Board("jetson-orin-nano"), "etc") });
        var probe = new JetsonProbe(files, [], tegrastats, options);
        tegrastats.Start();
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (tegrastats.Status != TegrastatsStatus.Running)
        {
            Assert.IsLessThan(deadline, DateTime.UtcNow, "the child did not start");
            await Task.Delay(10);
        }

        var sources = new Dictionary<string, string>();
        JetsonReading reading = probe.Read(sources);

        Assert.AreEqual("starting: no line yet", sources[SourceNames.Tegrastats], "the process runs; its first line has not come");
        Assert.IsNull(reading.Sample);
    }
}
