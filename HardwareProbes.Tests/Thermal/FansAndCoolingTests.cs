using System.IO.Abstractions;
using HardwareProbes.Snapshots;
using HardwareProbes.Thermal;
using Microsoft.Extensions.Time.Testing;

namespace HardwareProbes.Tests.Thermal;

/// <summary>Fans and cooling devices as the snapshot source reads them from each fixture board.</summary>
[TestClass]
public sealed class FansAndCoolingTests
{
    private static HardwareSnapshot Collect(string root)
    {
        using var source = new LinuxSnapshotSource(new FileSystem(), Fixtures.OptionsFor(root), new FakeTimeProvider());
        return source.Collect();
    }

    [TestMethod]
    public void RaspberryPi5_ReadsTheCoolingFanAndItsCoolingDevice()
    {
        HardwareSnapshot snapshot = Collect(Fixtures.Board("raspberry-pi-5"));

        Assert.AreEqual(new FanReading("pwmfan fan1", "hwmon2/fan1", 3296, 29.4, null, null), snapshot.Fans.Single(), "pwm1 75 of 255");
        Assert.AreEqual(new CoolingDeviceReading("pwm-fan", "cooling_device0", 1, 4, null), snapshot.CoolingDevices.Single());
        Assert.AreEqual(HardwareSnapshot.Ok, snapshot.Sources[SourceNames.Fans]);
        Assert.AreEqual(HardwareSnapshot.Ok, snapshot.Sources[SourceNames.CoolingDevices]);
    }

    [TestMethod]
    public void JetsonNano_ReadsThePwmFanDevice_WithItsTarget()
    {
        HardwareSnapshot snapshot = Collect(Fixtures.Board("jetson-nano"));

        Assert.AreEqual(new FanReading("pwm-fan", "pwm-fan", 2000, 47.1, 47.1, null), snapshot.Fans.Single());
    }

    [TestMethod]
    public void PcBoard_ReadsATachometerWithoutPwm_AndItsCoolingDevice()
    {
        HardwareSnapshot snapshot = Collect(Fixtures.Board("x86-server"));

        Assert.AreEqual(new FanReading("nct6779 fan2", "hwmon2/fan2", 1098, null, null, null), snapshot.Fans.Single(), "pwm1_enable alone is no duty cycle");
        Assert.AreEqual(new CoolingDeviceReading("Processor", "cooling_device0", 0, 50, null), snapshot.CoolingDevices.Single());
    }

    [TestMethod]
    public void CoolingStepAboveItsMaximum_IsNullWithTheReason()
    {
        string root = Fixtures.CopyBoard("raspberry-pi-5");
        try
        {
            File.WriteAllText(Path.Combine(root, "sys", "class", "thermal", "cooling_device0", "cur_state"), "9\n");

            CoolingDeviceReading device = Collect(root).CoolingDevices.Single();

            Assert.IsNull(device.State);
            StringAssert.EndsWith(device.Failure, "cooling_device0/cur_state: 9 is outside the step range 0 to 4");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public void BoardWithoutFans_HasNoneAndNoSourceEntry()
    {
        HardwareSnapshot snapshot = Collect(Fixtures.Board("raspberry-pi-4"));

        Assert.AreEqual(0, snapshot.Fans.Count);
        Assert.IsFalse(snapshot.Sources.ContainsKey(SourceNames.Fans));
        Assert.IsFalse(snapshot.Sources.ContainsKey(SourceNames.CoolingDevices));
    }

    [TestMethod]
    [DataRow("fan1_input", "65261850", "RPM range 0 to 50000")]
    [DataRow("fan1_input", "-1", "RPM range 0 to 50000")]
    [DataRow("pwm1", "256", "PWM range 0 to 255")]
    public void ImpossibleFanFigure_IsNullWithTheReason(string file, string value, string reason)
    {
        string root = Fixtures.CopyBoard("raspberry-pi-5");
        try
        {
            File.WriteAllText(Path.Combine(root, "sys", "class", "hwmon", "hwmon2", file), value + "\n");

            FanReading fan = Collect(root).Fans.Single();

            Assert.IsTrue(file == "pwm1" ? fan.PwmPercent is null && fan.Rpm == 3296 : fan.Rpm is null && fan.PwmPercent is not null);
            StringAssert.EndsWith(fan.Failure, $"{file}: {value} is outside the {reason}");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
