using HardwareProbes.RaspberryPi;

namespace HardwareProbes.Tests.RaspberryPi;

[TestClass]
public sealed class PmicReadingTests
{
    [TestMethod]
    public void Parse_RealPi5Reply_PairsEachRailsVoltsAndAmperesByName()
    {
        PmicReading pmic = PmicReading.Parse(File.ReadAllText(Path.Combine(Fixtures.Board("raspberry-pi-5"), "vcgencmd", "replies", "pmic_read_adc.txt")));

        Assert.HasCount(14, pmic.Rails);
        Assert.AreEqual(new PmicRail("VDD_CORE", 0.8974594, 10.87674), pmic.Rails.Single(r => r.Name == "VDD_CORE"));
        Assert.AreEqual(new PmicRail("EXT5V", 5.06788, null), pmic.Rails.Single(r => r.Name == "EXT5V"));
        Assert.AreEqual(new PmicRail("BATT", 3.011108, null), pmic.Rails[^1]);
        Assert.AreEqual(5.06788, pmic.Ext5vVolts);
        // Σ V × I over the twelve rails with both: VDD_CORE's 9.76 W dominates.
        Assert.AreEqual(10.799894, pmic.EstimatedWatts!.Value, 1e-5);
        Assert.IsNull(pmic.Rails.Single(r => r.Name == "EXT5V").Watts);
    }

    [TestMethod]
    [DataRow("error=1 error_msg=\"Command not registered\"")]
    [DataRow("")]
    [DataRow("VDD_CORE_A current(7)=abcA")]
    [DataRow("VDD_CORE_A volt(7)=0.8V")]
    [DataRow("throttled=0x0")]
    public void Parse_NotAPmicReply_ThrowsFormatException(string reply)
        => Assert.ThrowsExactly<FormatException>(() => PmicReading.Parse(reply));

    [TestMethod]
    public void Parse_ImpossibleNumbers_AreNullNotReadings()
    {
        PmicReading pmic = PmicReading.Parse("  VDD_CORE_A current(7)=99.0A\n  VDD_CORE_V volt(15)=0.9V\n  EXT5V_V volt(24)=-1.0V\n");

        Assert.IsNull(pmic.Rails[0].Amperes);
        Assert.IsNull(pmic.Ext5vVolts);
        Assert.IsNull(pmic.EstimatedWatts);
    }
}
