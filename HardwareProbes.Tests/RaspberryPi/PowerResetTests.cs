using HardwareProbes.RaspberryPi;

namespace HardwareProbes.Tests.RaspberryPi;

[TestClass]
public sealed class PowerResetTests
{
    [TestMethod]
    public void Parse_UnderVoltageCell_NamesTheCause()
    {
        PowerReset reset = PowerReset.Parse([0, 0, 0, 2]);

        Assert.AreEqual(2u, reset.Value);
        CollectionAssert.AreEqual(new[] { "under-voltage" }, reset.Causes.ToArray());
        Assert.AreEqual("a PMIC reset for under-voltage (power_reset 0x2)", reset.Description);
    }

    [TestMethod]
    public void Parse_SeveralBits_NamesEach()
        => CollectionAssert.AreEqual(new[] { "over-voltage", "the PMIC watchdog", "bit 9" }, PowerReset.Parse([0, 0, 2, 0x11]).Causes.ToArray());

    [TestMethod]
    public void Parse_Zero_IsAnOrdinaryStart()
        => Assert.AreEqual("an ordinary power-on or reboot (power_reset 0x0)", PowerReset.Parse([0, 0, 0, 0]).Description);

    [TestMethod]
    public void Parse_NotOneCell_Throws()
        => Assert.ThrowsExactly<FormatException>(() => PowerReset.Parse([0, 2, 0]));
}
