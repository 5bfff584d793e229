using HardwareProbes.RaspberryPi;

namespace HardwareProbes.Tests.RaspberryPi;

[TestClass]
public sealed class VcgencmdReplyTests
{
    private static string[] Lines(string capture) => Fixtures.Capture(capture).Split('\n');

    [TestMethod]
    public void ParseTemperature_ApostropheC()
    {
        Assert.AreEqual(39.7, VcgencmdReply.ParseTemperature(Lines("vcgencmd__pi3bplus__throttled_0x50005_volts_temp.txt")[5]));
        Assert.AreEqual(62.3, VcgencmdReply.ParseTemperature(Lines("vcgencmd__rpi3bplus__measure_clock_arm_temp_throttled_0x0.txt")[1]));
    }

    [TestMethod]
    public void ParseVolts()
    {
        Assert.AreEqual(1.2, VcgencmdReply.ParseVolts(Fixtures.Capture("vcgencmd__measure_volts_default_core.txt")));
    }

    [TestMethod]
    [DataRow("frequency(45)=1400000000 ", 1400000000L)]
    [DataRow("frequency(48)=1500000000", 1500000000L)]
    [DataRow("arm:\tfrequency(45)=600000000", 600000000L)]
    [DataRow("v3d:\tfrequency(43)=0", 0L)]
    public void ParseClock_AnyClockIdWithOrWithoutLabel(string reply, long hz)
    {
        Assert.AreEqual(hz, VcgencmdReply.ParseClock(reply));
    }

    [TestMethod]
    public void ParseClock_EveryLineOfAMeasureClockLoop()
    {
        long[] clocks = [.. Lines("vcgencmd__pi_openelec__measure_clock_all_get_mem_gpu_measure_temp.txt").Take(12).Select(l => VcgencmdReply.ParseClock(l))];

        CollectionAssert.AreEqual(new long[] { 600000000, 250000000, 250000000, 250000000, 0, 47999000, 0, 250000000, 85500000, 0, 163683000, 0 }, clocks);
    }

    [TestMethod]
    [DataRow("gpu=76M", 76L * 1024 * 1024)]
    [DataRow("gpu=128M", 128L * 1024 * 1024)]
    [DataRow("gpu=256M", 256L * 1024 * 1024)]
    public void ParseMemory_Megabytes(string reply, long bytes)
    {
        Assert.AreEqual(bytes, VcgencmdReply.ParseMemory(reply));
    }

    [TestMethod]
    [DataRow("core_freq=0", 0L)]
    [DataRow("arm_freq=900", 900L)]
    [DataRow("total_mem=8192", 8192L)]
    public void ParseConfigInteger(string reply, long value)
    {
        Assert.AreEqual(value, VcgencmdReply.ParseConfigInteger(reply));
    }

    [TestMethod]
    public void IsError_BothErrorForms()
    {
        string[] lines = Lines("vcgencmd__commands_list_and_error_responses.txt");

        Assert.IsTrue(VcgencmdReply.IsError(lines[1], out string? notRegistered));
        Assert.AreEqual("command not registered", notRegistered);
        Assert.IsTrue(VcgencmdReply.IsError(lines[2], out string? invalid));
        Assert.AreEqual("invalid arguments", invalid);
        Assert.IsFalse(VcgencmdReply.IsError("temp=40.0'C", out _));
    }

    [TestMethod]
    public void Parsers_GivenAnErrorReply_SayItIsAnError()
    {
        var error = Assert.ThrowsExactly<FormatException>(() => VcgencmdReply.ParseVolts("error=2 error_msg=\"invalid arguments\""));

        Assert.AreEqual("vcgencmd error: invalid arguments", error.Message);
    }

    [TestMethod]
    [DataRow("temp=48.3")]
    [DataRow("volt=1.2000V")]
    [DataRow("hello")]
    public void ParseTemperature_OtherShapes_Fail(string reply)
    {
        Assert.ThrowsExactly<FormatException>(() => VcgencmdReply.ParseTemperature(reply));
    }
}
