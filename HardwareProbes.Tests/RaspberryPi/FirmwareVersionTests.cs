using HardwareProbes.RaspberryPi;

namespace HardwareProbes.Tests.RaspberryPi;

[TestClass]
public sealed class FirmwareVersionTests
{
    [TestMethod]
    [DataRow("vcgencmd__rpi3__version_2016.txt", "2016-10-04 18:59:20", "c844c61ad08f94946910d0d5e1be076df4c8c56d", "clean,release")]
    [DataRow("vcgencmd__rpi3bplus__version_2019.txt", "2019-08-15 12:06:42", "0e6daa5106dd4164474616408e0dc24f997ffcf3", "clean,release,start")]
    [DataRow("vcgencmd__version_2020_clean_release_start.txt", "2020-02-12 12:36:21", "c3c8dbdf147686fb0c3f32aece709d0653368810", "clean,release,start")]
    [DataRow("vcgencmd__version_2012_numeric_two_devices.txt", "2012-10-05 23:28:10", "342141", "release")]
    [DataRow("vcgencmd__version_2018_two_builds.txt", "2018-04-16 18:16:56", "af8084725947aa2c7314172068f79dad9be1c8b4", "clean,release")]
    public void Parse_RealCapture(string capture, string built, string version, string flags)
    {
        FirmwareVersion firmware = FirmwareVersion.Parse(Fixtures.Capture(capture));

        Assert.AreEqual(DateTime.Parse(built, System.Globalization.CultureInfo.InvariantCulture), firmware.BuildDate);
        Assert.AreEqual(version, firmware.Version);
        Assert.AreEqual(flags, string.Join(',', firmware.Flags));
    }

    [TestMethod]
    public void Parse_NoVersionLine_Fails()
    {
        Assert.ThrowsExactly<FormatException>(() => FirmwareVersion.Parse("error=1 error_msg=\"command not registered\""));
    }
}
