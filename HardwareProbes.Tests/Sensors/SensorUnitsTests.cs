using HardwareProbes.Sensors;

namespace HardwareProbes.Tests.Sensors;

[TestClass]
public sealed class SensorUnitsTests
{
    [TestMethod]
    [DataRow(SensorQuantity.Humidity, 100.0, true)]
    [DataRow(SensorQuantity.Humidity, 100.01, false)]
    [DataRow(SensorQuantity.Humidity, 0.05, false)]
    [DataRow(SensorQuantity.Pressure, 0.0, false)]
    [DataRow(SensorQuantity.Pressure, -3.0, false)]
    [DataRow(SensorQuantity.Pressure, 1013.25, true)]
    [DataRow(SensorQuantity.Temperature, -256.0, false)]
    [DataRow(SensorQuantity.Illuminance, -1.0, false)]
    [DataRow(SensorQuantity.Current, -0.5, true)]
    [DataRow(SensorQuantity.Voltage, double.NaN, false)]
    public void Check_AValue_IsAReadingOnlyInsideItsRange(SensorQuantity quantity, double value, bool reading)
    {
        double? checkedValue = SensorUnits.Check(quantity, value, out string? failure);

        Assert.AreEqual(reading, checkedValue is not null);
        Assert.AreEqual(reading, failure is null);
        if (!reading)
        {
            StringAssert.Contains(failure, SensorUnits.Of(quantity));
        }
    }
}
