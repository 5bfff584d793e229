using HardwareProbes.Thermal;

namespace HardwareProbes.Tests.Thermal;

[TestClass]
public sealed class MillidegreesTests
{
    [TestMethod]
    [DataRow(49925L, 49.925)]
    [DataRow(-44000L, -44.0)]
    [DataRow(100000L, 100.0)]
    [DataRow(53968L, 53.968)]
    public void ToCelsius_PlausibleValues(long raw, double expected)
    {
        Assert.AreEqual(expected, Millidegrees.ToCelsius(raw, out string? failure)!.Value, 1e-9);
        Assert.IsNull(failure);
    }

    [TestMethod]
    [DataRow(-256000L)]
    [DataRow(-273150L)]
    [DataRow(65261850L)]
    public void ToCelsius_Sentinels_AreNullWithAReason(long raw)
    {
        Assert.IsNull(Millidegrees.ToCelsius(raw, out string? failure));
        StringAssert.Contains(failure, "no-reading sentinel");
    }
}
