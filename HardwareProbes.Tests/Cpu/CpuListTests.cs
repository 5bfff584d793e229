using HardwareProbes.Cpu;

namespace HardwareProbes.Tests.Cpu;

[TestClass]
public sealed class CpuListTests
{
    [TestMethod]
    [DataRow("0-3\n", new[] { 0, 1, 2, 3 })]
    [DataRow("0-1,4-5,8-9,12-13\n", new[] { 0, 1, 4, 5, 8, 9, 12, 13 })]
    [DataRow("2", new[] { 2 })]
    [DataRow("\n", new int[0])]
    [DataRow("", new int[0])]
    [DataRow("0,3-5\n", new[] { 0, 3, 4, 5 })]
    public void Parse_KernelListFormat_ExpandsRanges(string text, int[] expected)
    {
        CollectionAssert.AreEqual(expected, CpuList.Parse(text).ToArray());
    }

    [TestMethod]
    [DataRow("node_exporter__sys_devices_system_cpu_online.txt", new[] { 0, 1, 2, 3 })]
    [DataRow("node_exporter__sys_devices_system_cpu_offline.txt", new int[0])]
    [DataRow("procfs__sys_devices_system_cpu_offline.txt", new[] { 2 })]
    public void Parse_RealCapture_ReadsIds(string capture, int[] expected)
    {
        CollectionAssert.AreEqual(expected, CpuList.Parse(Fixtures.Capture(capture)).ToArray());
    }

    [TestMethod]
    [DataRow("0-3,banana")]
    [DataRow("5-2")]
    [DataRow("1--2")]
    public void Parse_Garbage_NamesTheRange(string text)
    {
        var error = Assert.ThrowsExactly<FormatException>(() => CpuList.Parse(text));

        StringAssert.Contains(error.Message, "is not a CPU or a CPU range");
    }
}
