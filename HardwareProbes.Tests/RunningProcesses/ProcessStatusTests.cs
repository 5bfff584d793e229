using HardwareProbes.RunningProcesses;

namespace HardwareProbes.Tests.RunningProcesses;

[TestClass]
public sealed class ProcessStatusTests
{
    [TestMethod]
    public void Parse_TabSeparatedCapture_ReadsRealUidAndResidentMemory()
    {
        string text = File.ReadAllText(Path.Combine(Fixtures.Root, "captures", "processes", "proc", "26231", "status"));

        Assert.AreEqual(new ProcessStatus(1000, 6716L * 1024), ProcessStatus.Parse(text));
    }

    [TestMethod]
    public void Parse_SpaceAlignedCapture_ReadsTheSameLines()
    {
        string text = File.ReadAllText(Path.Combine(Fixtures.Root, "captures", "processes", "proc", "26235", "status"));

        Assert.AreEqual(new ProcessStatus(0, 42652L * 1024), ProcessStatus.Parse(text));
    }

    [TestMethod]
    public void Parse_KernelThreadWithoutVmRss_HasNullMemory()
    {
        Assert.AreEqual(new ProcessStatus(0, null), ProcessStatus.Parse("Name:\tkthreadd\nState:\tS (sleeping)\nUid:\t0\t0\t0\t0\nThreads:\t1\n"));
    }

    [TestMethod]
    [DataRow("Uid:\n")]
    [DataRow("Uid:\t-1\t0\t0\t0\n")]
    [DataRow("VmRSS:\tlots kB\n")]
    public void Parse_Garbage_FailsWithFormatException(string text)
    {
        Assert.ThrowsExactly<FormatException>(() => ProcessStatus.Parse(text));
    }
}
