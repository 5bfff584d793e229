using HardwareProbes.Identity;

namespace HardwareProbes.Tests.Identity;

[TestClass]
public sealed class CpuInfoTests
{
    [TestMethod]
    [DataRow("rpi_cpuinfo__pi2b_rev1.1__hardware_block_3a21041.txt", "", null, "BCM2835", "3a21041", "Raspberry Pi 2 Model B Rev 1.1", null)]
    [DataRow("rpi_cpuinfo__pi3b_rev1.2__arm64_model_name.txt", "0,1,2,3", "ARMv8 Processor rev 4 (v8l)", "BCM2835", "a02082", "Raspberry Pi 3 Model B Rev 1.2", "0xd03")]
    [DataRow("rpi_cpuinfo__pi3bplus_rev1.3__arm64.txt", "0,1,2,3", null, "BCM2835", "a020d3", "Raspberry Pi 3 Model B Plus Rev 1.3", "0xd03")]
    [DataRow("rpi_cpuinfo__pi4b_rev1.5__arm64_NO_Hardware_line.txt", "0,1,2,3", null, null, "d03115", "Raspberry Pi 4 Model B Rev 1.5", "0xd08")]
    [DataRow("rpi_cpuinfo__pi4b_rev1.5__arm64_fastfetch.txt", "0,1,2,3", null, null, "d03115", "Raspberry Pi 4 Model B Rev 1.5", "0xd08")]
    [DataRow("rpi_cpuinfo__pi4b_rev1.5__hardware_block_c03115.txt", "", null, "BCM2835", "c03115", "Raspberry Pi 4 Model B Rev 1.5", null)]
    [DataRow("rpi_cpuinfo__pi5_rev1.0__bookworm.txt", "0,1,2,3", null, "BCM2835", "d04170", "Raspberry Pi 5 Model B Rev 1.0", "0xd0b")]
    [DataRow("rpi_cpuinfo__pi5_rev1.0__kernel6.1.47_hrw96.txt", "0,1,2,3", null, "BCM2835", "d04170", "Raspberry Pi 5 Model B Rev 1.0", "0xd0b")]
    [DataRow("rpi_cpuinfo__zero2w_rev1.0__hardware_block_overvoltage_rev_2902120.txt", "", null, "BCM2835", "2902120", "Raspberry Pi Zero 2 W Rev 1.0", null)]
    [DataRow("rpi_cpuinfo__zero2w_rev1.0__tail_32bit_collapsed_spaces.txt", "3", "ARMv7 Processor rev 4 (v7l)", "BCM2835", "902120", "Raspberry Pi Zero 2 W Rev 1.0", "0xd03")]
    [DataRow("jetson_cpuinfo__nano__jp4_no_hardware_model_lines.txt", "0,1,2,3", null, null, null, null, "0xd07")]
    [DataRow("jetson_cpuinfo__tx2__denver_cores_offline_gaps.txt", "0,3,4,5", "ARMv8 Processor rev 3 (v8l)", null, null, null, "0xd07")]
    [DataRow("procfs__cpuinfo_cpuinfoArm7.txt", "0,1,2,3", "ARMv7 Processor rev 3 (v7l)", "BCM2835", "c03111", null, "0xd08")]
    [DataRow("procfs__cpuinfo_cpuinfoArm7Legacy.txt", "0,1", "ARMv7 Processor rev 5 (v7l)", "sun8i", "0000", null, "0xc07")]
    [DataRow("procfs__cpuinfo_cpuinfoArm7LegacyV1.txt", "", "ARMv6-compatible processor rev 5 (v6l)", "IMAPX200", "0000", null, "0xb36")]
    [DataRow("procfs__cpuinfo_cpuinfoRiscv64.txt", "0,1", null, null, null, null, null)]
    [DataRow("procfs__cpuinfo_cpuinfoPpc64.txt", "0,1,2,3,4,5", null, null, null, null, null)]
    [DataRow("procfs__proc_cpuinfo.txt", "0,1,2,3,4,5,6,7", "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz", null, null, null, null)]
    public void Parse_RealCapture_ReadsBoardAndProcessorFacts(string capture, string ids, string? modelName, string? hardware, string? revision, string? model, string? part)
    {
        CpuInfo info = CpuInfo.Parse(Fixtures.Capture(capture));

        Assert.AreEqual(ids, string.Join(',', info.ProcessorIds));
        Assert.AreEqual(modelName, info.ModelName);
        Assert.AreEqual(hardware, info.Hardware);
        Assert.AreEqual(revision, info.Revision);
        Assert.AreEqual(model, info.Model);
        Assert.AreEqual(part, info.Part);
    }

    [TestMethod]
    public void Parse_Pi5TabSeparatedSerial_IsRead()
    {
        Assert.AreEqual("ee14f78c1312ce93", CpuInfo.Parse(Fixtures.Capture("rpi_cpuinfo__pi5_rev1.0__bookworm.txt")).Serial);
    }

    [TestMethod]
    public void Parse_X86_ReadsVendor()
    {
        Assert.AreEqual("GenuineIntel", CpuInfo.Parse(Fixtures.Capture("procfs__proc_cpuinfo.txt")).Vendor);
    }

    [TestMethod]
    public void Parse_NonNumericProcessor_NamesTheLine()
    {
        var error = Assert.ThrowsExactly<FormatException>(() => CpuInfo.Parse("processor\t: zero\n"));

        StringAssert.StartsWith(error.Message, "line 1 ");
        StringAssert.Contains(error.Message, "'zero' is not a processor number");
    }
}
