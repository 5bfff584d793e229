using HardwareProbes.Machine;

namespace HardwareProbes.Tests.Machine;

[TestClass]
public sealed class LoadAverageTests
{
    [TestMethod]
    [DataRow("procfs__proc_loadavg.txt", 0.02, 0.04, 0.05)]
    [DataRow("node_exporter__proc_loadavg.txt", 0.21, 0.37, 0.39)]
    public void Parse_RealCapture_ReadsThreeAverages(string capture, double one, double five, double fifteen)
    {
        Assert.AreEqual(new LoadAverage(one, five, fifteen), LoadAverage.Parse(Fixtures.Capture(capture)));
    }

    [TestMethod]
    public void Parse_Garbage_NamesTheField()
    {
        var error = Assert.ThrowsExactly<FormatException>(() => LoadAverage.Parse("0.02 zero 0.05 1/497 11947\n"));

        StringAssert.Contains(error.Message, "'zero' is not a number");
    }

    [TestMethod]
    public void Parse_TooFewFields_SaysWhichIsMissing()
    {
        var error = Assert.ThrowsExactly<FormatException>(() => LoadAverage.Parse("0.5"));

        StringAssert.Contains(error.Message, "missing 5-minute average");
    }
}
