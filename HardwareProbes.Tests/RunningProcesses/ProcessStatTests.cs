using HardwareProbes.RunningProcesses;

namespace HardwareProbes.Tests.RunningProcesses;

[TestClass]
public sealed class ProcessStatTests
{
    private static string Line(string pid) => File.ReadAllText(Path.Combine(Fixtures.Root, "captures", "processes", "proc", pid, "stat"));

    [TestMethod]
    public void Parse_VimCapture_ReadsTheFieldsByNumber()
    {
        ProcessStat stat = ProcessStat.Parse(Line("26231"));

        Assert.AreEqual(new ProcessStat("vim", 'R', 5392, 1677 + 44, 1, 82375), stat);
    }

    [TestMethod]
    public void Parse_NameWithSpacesAndParentheses_RunsToTheLastParenthesis()
    {
        // "1020 ((a b ) ( c d) ) R 28378 …": a name a program chose to make hard.
        ProcessStat stat = ProcessStat.Parse(Line("584"));

        Assert.AreEqual("(a b ) ( c d) ", stat.Name);
        Assert.AreEqual('R', stat.State);
        Assert.AreEqual(28378, stat.ParentPid);
        Assert.AreEqual(10839175, stat.StartTicks);
    }

    [TestMethod]
    public void Parse_KernelThreadWithExtremeChildTimes_IgnoresTheFieldsItDoesNotUse()
    {
        // ata_sff: cutime and cstime hold the 64-bit extremes; they are not read.
        ProcessStat stat = ProcessStat.Parse(Line("26232"));

        Assert.AreEqual(new ProcessStat("ata_sff", 'S', 2, 0, 1, 5), stat);
    }

    [TestMethod]
    public void Parse_ThreadedProcess_ReadsThreadCount()
    {
        ProcessStat stat = ProcessStat.Parse(Line("27079"));

        Assert.AreEqual(5, stat.Threads);
        Assert.AreEqual(58125 + 15, stat.CpuTicks);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("123 noparen S 1 2 3")]
    [DataRow("1 (x) S 0 1 1 0 -1 4194560 10 20 5 10")]
    [DataRow("1 (x) SS 0 1 1 0 -1 4194560 10 20 5 10 100 50 0 0 20 0 1 0 1 2")]
    [DataRow("1 (x) S 0 1 1 0 -1 4194560 10 20 5 10 -100 50 0 0 20 0 1 0 1 2")]
    [DataRow("1 (x) S 0 1 1 0 -1 4194560 10 20 5 10 9223372036854775807 50 0 0 20 0 1 0 1 2")]
    [DataRow("1 )x( S 0 1 1 0 -1 4194560 10 20 5 10 100 50 0 0 20 0 1 0 1 2")]
    public void Parse_Garbage_FailsWithFormatException(string text)
    {
        Assert.ThrowsExactly<FormatException>(() => ProcessStat.Parse(text));
    }
}
