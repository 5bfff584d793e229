using HardwareProbes.RaspberryPi;

namespace HardwareProbes.Tests.RaspberryPi;

[TestClass]
public sealed class ThrottleStateTests
{
    [TestMethod]
    [DataRow("throttled=0x0", ThrottleConditions.None)]
    [DataRow("throttled=0x50000", ThrottleConditions.UnderVoltageOccurred | ThrottleConditions.ThrottledOccurred)]
    [DataRow("throttled=0x50005", ThrottleConditions.UnderVoltage | ThrottleConditions.Throttled | ThrottleConditions.UnderVoltageOccurred | ThrottleConditions.ThrottledOccurred)]
    [DataRow("throttled=0x80008", ThrottleConditions.SoftTemperatureLimit | ThrottleConditions.SoftTemperatureLimitOccurred)]
    [DataRow("throttled=0xe0000", ThrottleConditions.ArmFrequencyCappedOccurred | ThrottleConditions.ThrottledOccurred | ThrottleConditions.SoftTemperatureLimitOccurred)]
    [DataRow("throttled=0x20002", ThrottleConditions.ArmFrequencyCapped | ThrottleConditions.ArmFrequencyCappedOccurred)]
    [DataRow("50005\n", ThrottleConditions.UnderVoltage | ThrottleConditions.Throttled | ThrottleConditions.UnderVoltageOccurred | ThrottleConditions.ThrottledOccurred)]
    [DataRow("0x00050005", ThrottleConditions.UnderVoltage | ThrottleConditions.Throttled | ThrottleConditions.UnderVoltageOccurred | ThrottleConditions.ThrottledOccurred)]
    public void Parse_DocumentedMasks_DecodeToTheirConditions(string text, ThrottleConditions expected)
    {
        Assert.AreEqual(expected, ThrottleState.Parse(text).Conditions);
    }

    [TestMethod]
    public void Parse_0x50005_ReadableProperties()
    {
        ThrottleState state = ThrottleState.Parse("throttled=0x50005");

        Assert.IsTrue(state.UnderVoltage);
        Assert.IsFalse(state.ArmFrequencyCapped);
        Assert.IsTrue(state.Throttled);
        Assert.IsFalse(state.SoftTemperatureLimit);
        Assert.IsTrue(state.UnderVoltageOccurred);
        Assert.IsFalse(state.ArmFrequencyCappedOccurred);
        Assert.IsTrue(state.ThrottledOccurred);
        Assert.IsFalse(state.SoftTemperatureLimitOccurred);
        Assert.AreEqual(0x50005u, state.Raw);
    }

    [TestMethod]
    [DataRow(0, nameof(ThrottleState.UnderVoltage))]
    [DataRow(1, nameof(ThrottleState.ArmFrequencyCapped))]
    [DataRow(2, nameof(ThrottleState.Throttled))]
    [DataRow(3, nameof(ThrottleState.SoftTemperatureLimit))]
    [DataRow(16, nameof(ThrottleState.UnderVoltageOccurred))]
    [DataRow(17, nameof(ThrottleState.ArmFrequencyCappedOccurred))]
    [DataRow(18, nameof(ThrottleState.ThrottledOccurred))]
    [DataRow(19, nameof(ThrottleState.SoftTemperatureLimitOccurred))]
    public void Parse_EachBitAlone_SetsExactlyItsProperty(int bit, string property)
    {
        ThrottleState state = ThrottleState.Parse($"throttled=0x{1u << bit:x}");

        string[] set = [.. typeof(ThrottleState).GetProperties().Where(p => p.PropertyType == typeof(bool) && (bool)p.GetValue(state)!).Select(p => p.Name)];
        CollectionAssert.AreEqual(new[] { property }, set);
    }

    [TestMethod]
    public void Parse_UndocumentedBits_AreKeptInRawButNotInConditions()
    {
        ThrottleState state = ThrottleState.Parse("throttled=0x100010");

        Assert.AreEqual(0x100010u, state.Raw);
        Assert.AreEqual(ThrottleConditions.None, state.Conditions);
    }

    [TestMethod]
    [DataRow("throttled=")]
    [DataRow("error=2 error_msg=\"invalid arguments\"")]
    [DataRow("0xZZ")]
    public void Parse_Garbage_Fails(string text)
    {
        Assert.ThrowsExactly<FormatException>(() => ThrottleState.Parse(text));
    }

    [TestMethod]
    public void Parse_RealCaptures()
    {
        string[] lines = Fixtures.Capture("vcgencmd__rpi3__temp_get_throttled_0x50000_and_0x50005.txt").Split('\n').Where(l => l.StartsWith("throttled=", StringComparison.Ordinal)).ToArray();

        Assert.AreEqual(0x50000u, ThrottleState.Parse(lines[0]).Raw);
        Assert.AreEqual(0x50005u, ThrottleState.Parse(lines[1]).Raw);
        Assert.AreEqual(0u, ThrottleState.Parse(Fixtures.Capture("vcgencmd__rpi3bplus__measure_clock_arm_temp_throttled_0x0.txt").Split('\n')[2]).Raw);
    }
}
