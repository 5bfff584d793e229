using HardwareProbes.Identity;

namespace HardwareProbes.Tests.Identity;

[TestClass]
public sealed class BoardDetectorTests
{
    [TestMethod]
    [DataRow("Raspberry Pi 4 Model B Rev 1.5", null, BoardKind.RaspberryPi)]
    [DataRow("Raspberry Pi Zero 2 W Rev 1.0", null, BoardKind.RaspberryPi)]
    [DataRow("NVIDIA Jetson Nano Developer Kit", null, BoardKind.Jetson)]
    [DataRow("jetson_tx1", null, BoardKind.Jetson)]
    [DataRow("NVIDIA Orin Nano Developer Kit", null, BoardKind.Jetson)]
    [DataRow("Clara-AGX", null, BoardKind.Jetson)]
    [DataRow("Pine64 RockPro64", "pine64,rockpro64\0rockchip,rk3399\0", BoardKind.Linux)]
    [DataRow(null, "nvidia,p3768-0000+p3767-0005\0nvidia,tegra234\0", BoardKind.Jetson)]
    [DataRow(null, null, BoardKind.Linux)]
    public void Detect_FromDeviceTree(string? model, string? compatible, BoardKind expected)
    {
        Assert.AreEqual(expected, BoardDetector.Detect(model, compatible, null, null));
    }

    [TestMethod]
    public void Detect_PiWithoutDeviceTree_UsesCpuinfoModel()
    {
        CpuInfo info = CpuInfo.Parse(Fixtures.Capture("rpi_cpuinfo__pi4b_rev1.5__arm64_NO_Hardware_line.txt"));

        Assert.AreEqual(BoardKind.RaspberryPi, BoardDetector.Detect(null, null, info, null));
    }

    [TestMethod]
    public void Detect_TegraReleaseAlone_IsJetson()
    {
        TegraRelease release = TegraRelease.Parse(Fixtures.Capture("jetson_release__r36.4.3__jp6.2__full_4_lines.txt"));

        Assert.AreEqual(BoardKind.Jetson, BoardDetector.Detect(null, null, null, release));
    }

    [TestMethod]
    public void Detect_Bcm2835HardwareLineAlone_IsNotEnoughForAPi()
    {
        // Allwinner and other ARM boards print Hardware lines too; only a Raspberry Pi model name decides.
        CpuInfo info = CpuInfo.Parse(Fixtures.Capture("procfs__cpuinfo_cpuinfoArm7.txt"));

        Assert.AreEqual(BoardKind.Linux, BoardDetector.Detect(null, null, info, null));
    }
}
