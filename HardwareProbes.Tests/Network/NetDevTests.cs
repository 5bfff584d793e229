using HardwareProbes.Network;

namespace HardwareProbes.Tests.Network;

[TestClass]
public sealed class NetDevTests
{
    [TestMethod]
    public void Parse_RealCapture_SplitsLongNamesAtTheFirstColon()
    {
        IReadOnlyList<InterfaceCounters> interfaces = NetDev.Parse(Fixtures.Capture("procfs__proc_net_dev.txt"));

        CollectionAssert.AreEqual(new[] { "vethf345468", "lo", "docker0", "eth0" }, interfaces.Select(i => i.Name).ToArray());
        Assert.AreEqual(new InterfaceCounters("eth0", 874354587, 1036395, 0, 0, 563352563, 732147, 0, 0), interfaces[3]);
        Assert.AreEqual(new InterfaceCounters("vethf345468", 648, 8, 0, 0, 438, 5, 0, 0), interfaces[0]);
    }

    [TestMethod]
    public void Parse_NameGluedToCounters_StillReads()
    {
        const string text = "Inter-|   Receive |  Transmit\n face |bytes|bytes\n  eth0:1234 5 6 7 0 0 0 0 8910 11 12 13 0 0 0 0\n";

        InterfaceCounters eth0 = NetDev.Parse(text).Single();

        Assert.AreEqual(new InterfaceCounters("eth0", 1234, 5, 6, 7, 8910, 11, 12, 13), eth0);
    }

    [TestMethod]
    public void Parse_GarbageCounter_NamesTheLine()
    {
        string text = Fixtures.Capture("procfs__proc_net_dev.txt").Replace("docker0:    2568      38", "docker0:    2568      x", StringComparison.Ordinal);

        var error = Assert.ThrowsExactly<FormatException>(() => NetDev.Parse(text));

        StringAssert.StartsWith(error.Message, "line 5 \"docker0:");
    }
}
