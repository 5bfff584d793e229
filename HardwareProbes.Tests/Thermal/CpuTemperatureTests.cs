using HardwareProbes.Thermal;

namespace HardwareProbes.Tests.Thermal;

[TestClass]
public sealed class CpuTemperatureTests
{
    [TestMethod]
    public void Pick_JetsonZones_PrefersCpuThermOverTheFirstZone()
    {
        TemperatureReading[] zones =
        [
            new("AO-therm", "thermal_zone0", 31.0, null),
            new("CPU-therm", "thermal_zone1", 24.5, null),
            new("GPU-therm", "thermal_zone2", 26.5, null),
        ];

        Assert.AreEqual(24.5, CpuTemperature.Pick(zones));
    }

    [TestMethod]
    public void Pick_CpuSensorUnreadable_IsNullRatherThanAnotherSensorsValue()
    {
        TemperatureReading[] zones =
        [
            new("cpu-thermal", "thermal_zone0", null, "hung"),
            new("acpitz", "thermal_zone1", 40.0, null),
        ];

        Assert.IsNull(CpuTemperature.Pick(zones));
    }

    [TestMethod]
    public void Pick_NoKnownCpuSensor_FallsBackToFirstReadableZone()
    {
        TemperatureReading[] zones =
        [
            new("board", "thermal_zone0", null, "not found"),
            new("acpitz", "thermal_zone1", 40.0, null),
            new("nvme Composite", "hwmon0/temp1", 35.0, null),
        ];

        Assert.AreEqual(40.0, CpuTemperature.Pick(zones));
    }

    [TestMethod]
    public void Pick_NothingReadable_IsNull()
    {
        Assert.IsNull(CpuTemperature.Pick([new TemperatureReading("gpu-thermal", "thermal_zone0", null, "off")]));
    }
}
