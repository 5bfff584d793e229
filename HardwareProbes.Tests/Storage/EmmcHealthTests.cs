using System.IO.Abstractions;
using HardwareProbes.Snapshots;
using HardwareProbes.Storage;
using Microsoft.Extensions.Time.Testing;

namespace HardwareProbes.Tests.Storage;

[TestClass]
public sealed class EmmcHealthTests
{
    [TestMethod]
    [DataRow("0x01 0x01\n", 1, 1)]
    [DataRow("0x02 0x01\n", 2, 1)]
    [DataRow("0x0a 0x0B", 10, 11)]
    [DataRow("0x00 0x03\n", null, 3)]
    public void ParseLifeTime_TwoHexBytes_AreTheTypeAAndBEstimates(string text, int? a, int? b)
    {
        Assert.AreEqual((a, b), EmmcHealth.ParseLifeTime(text));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("0x01\n")]
    [DataRow("0x0c 0x01")]
    [DataRow("0x01 banana")]
    [DataRow("0x100 0x01")]
    public void ParseLifeTime_Garbage_FailsWithFormatException(string text)
    {
        Assert.ThrowsExactly<FormatException>(() => EmmcHealth.ParseLifeTime(text));
    }

    [TestMethod]
    [DataRow("0x01\n", 1)]
    [DataRow("0x03", 3)]
    [DataRow("0x00\n", null)]
    public void ParsePreEol_OneHexByte(string text, int? expected)
    {
        Assert.AreEqual(expected, EmmcHealth.ParsePreEol(text));
        Assert.ThrowsExactly<FormatException>(() => EmmcHealth.ParsePreEol("0x04"));
    }

    [TestMethod]
    public void Describe_UsesTheJedecMeanings()
    {
        Assert.AreEqual("0–10 % used", EmmcHealth.DescribeLifeTime(1));
        Assert.AreEqual("90–100 % used", EmmcHealth.DescribeLifeTime(10));
        Assert.AreEqual("rated life exceeded", EmmcHealth.DescribeLifeTime(11));
        Assert.IsNull(EmmcHealth.DescribeLifeTime(null));
        Assert.AreEqual("warning", EmmcHealth.DescribePreEol(2));
    }

    [TestMethod]
    public void JetsonNanoModule_ReportsItsEmmc_AndBoardsWithSdCardsReportNone()
    {
        using var nano = new LinuxSnapshotSource(new FileSystem(), Fixtures.OptionsFor(Fixtures.Board("jetson-nano")), new FakeTimeProvider());
        using var pi = new LinuxSnapshotSource(new FileSystem(), Fixtures.OptionsFor(Fixtures.Board("raspberry-pi-4")), new FakeTimeProvider());

        HardwareSnapshot withEmmc = nano.Collect();
        HardwareSnapshot withSd = pi.Collect();

        Assert.AreEqual(new EmmcHealth("mmcblk0", 2, 1, 1, null), withEmmc.Emmc.Single());
        Assert.AreEqual(HardwareSnapshot.Ok, withEmmc.Sources[SourceNames.Emmc]);
        Assert.AreEqual(0, withSd.Emmc.Count, "an SD card has no wear registers");
        Assert.IsFalse(withSd.Sources.ContainsKey(SourceNames.Emmc));
    }
}
