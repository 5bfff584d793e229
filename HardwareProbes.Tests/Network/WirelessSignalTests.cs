using HardwareProbes.Network;

namespace HardwareProbes.Tests.Network;

[TestClass]
public sealed class WirelessSignalTests
{
    [TestMethod]
    public void Parse_HeaderOnly_IsEmpty()
    {
        Assert.IsEmpty(WirelessSignal.Parse(Fixtures.Capture("edge__net_wireless__header_only_no_interfaces.txt")));
    }

    [TestMethod]
    public void Parse_OneInterfaceWe22_ReadsLevelInDbm()
    {
        IReadOnlyDictionary<string, int> levels = WirelessSignal.Parse(Fixtures.Capture("edge__net_wireless__one_iface_WE22_header.txt"));

        Assert.AreEqual(-59, levels["wlo1"]);
        Assert.HasCount(1, levels);
    }

    [TestMethod]
    public void Parse_UnsignedEightBitLevels_AreConvertedToDbm()
    {
        // procfs' fixture has levels 3 and 8: positive, so 8-bit encoded (3 - 256, 8 - 256).
        IReadOnlyDictionary<string, int> levels = WirelessSignal.Parse(Fixtures.Capture("procfs__proc_net_wireless.txt"));

        Assert.AreEqual(-253, levels["wlan0"]);
        Assert.AreEqual(-248, levels["wlan1"]);
    }

    [TestMethod]
    public void Parse_MissingLevel_NamesTheLine()
    {
        var error = Assert.ThrowsExactly<FormatException>(() => WirelessSignal.Parse("h|\nh|\n wlan0: 0000 70.\n"));

        StringAssert.Contains(error.Message, "missing signal level");
    }
}
