using HardwareProbes.IO;

namespace HardwareProbes.Tests.IO;

[TestClass]
public sealed class ProbeFilesTests
{
    [TestMethod]
    public void NaturalOrder_SortsZoneNumbersAsNumbers()
    {
        var names = new List<string> { "thermal_zone10", "thermal_zone2", "thermal_zone1", "thermal_zone0" };

        names.Sort(ProbeFiles.NaturalOrder);

        CollectionAssert.AreEqual(new[] { "thermal_zone0", "thermal_zone1", "thermal_zone2", "thermal_zone10" }, names);
    }

    [TestMethod]
    public void NaturalOrder_HugeDigitRuns_DoNotOverflow()
    {
        Assert.IsLessThan(0, ProbeFiles.NaturalOrder("x9", "x123456789012345678901234567890"));
    }
}
