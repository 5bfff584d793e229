using HardwareProbes.Jetson;

namespace HardwareProbes.Tests.Jetson;

[TestClass]
public sealed class PowerModeTests
{
    [TestMethod]
    [DataRow("pmode:0002\n", 2)]
    [DataRow("pmode:0000 fmode:fanNull\n", 0)]
    [DataRow("pmode:0013", 13)]
    public void ParseStatus_ReadsTheModeNvpmodelWrote(string text, int id)
    {
        Assert.AreEqual(id, PowerMode.ParseStatus(text));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("mode:2")]
    [DataRow("pmode:")]
    [DataRow("pmode:abc")]
    public void ParseStatus_Garbage_FailsWithFormatException(string text)
    {
        Assert.ThrowsExactly<FormatException>(() => PowerMode.ParseStatus(text));
    }

    [TestMethod]
    public void ParseCatalogue_NamesEachModeOfTheFixture()
    {
        Dictionary<int, string> names = PowerMode.ParseCatalogue(File.ReadAllText(Path.Combine(Fixtures.Board("jetson-orin-nano"), "etc", "nvpmodel.conf")));

        CollectionAssert.AreEquivalent(new[] { "15W", "25W", "MAXN_SUPER", "7W" }, names.Values.ToArray());
        Assert.AreEqual("MAXN_SUPER", names[2]);
    }

    [TestMethod]
    public void ParseCatalogue_SkipsOtherLinesAndKeepsTheFirstOfARepeatedId()
    {
        Dictionary<int, string> names = PowerMode.ParseCatalogue("# comment\n< PM_CONFIG DEFAULT=0 >\n< POWER_MODEL ID=0 NAME=MAXN >\nCPU_ONLINE CORE_0 1\n< POWER_MODEL ID=0 NAME=OTHER >\n< POWER_MODEL NAME=NOID >\n");

        Assert.AreEqual(1, names.Count);
        Assert.AreEqual("MAXN", names[0]);
    }
}
