using System.Globalization;
using HardwareProbes.Jetson;

namespace HardwareProbes.Tests.Jetson;

[TestClass]
public sealed class TegrastatsLineTests
{
    /// <summary>The capture's text as tegrastats printed it: wrapped captures are joined back into one line.</summary>
    private static string Line(string capture, int index)
    {
        string[] lines = Fixtures.Capture(capture).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return capture.Contains("WRAPPED", StringComparison.Ordinal) ? string.Join(' ', lines) : lines[index];
    }

    /// <summary>RAM, every core, the GPU, and the first and last temperature and rail with their counts.</summary>
    private static string Summary(TegrastatsSample s)
    {
        static string C(double? c) => c is double v ? v.ToString(CultureInfo.InvariantCulture) : "off";
        static string T(TegraTemperature t) => $"{t.Name}={C(t.Celsius)}";
        static string R(TegraRail r) => $"{r.Name}={r.CurrentMilliwatts}/{r.AverageMilliwatts}" + (r.PeakMilliwatts is int p ? $"/{p}" : string.Empty);
        string cores = string.Join(',', s.Cores.Select(c => c.Online ? $"{c.LoadPercent}@{c.FrequencyMhz}" : "off"));
        string gpu = s.Gpu is TegraEngine g ? $"{g.LoadPercent?.ToString(CultureInfo.InvariantCulture) ?? "-"}@{string.Join(',', g.FrequenciesMhz)}" : "none";
        string temps = s.Temperatures.Count == 0 ? "T0" : $"T{s.Temperatures.Count} {T(s.Temperatures[0])} .. {T(s.Temperatures[^1])}";
        string rails = s.Rails.Count == 0 ? "R0" : $"R{s.Rails.Count} {R(s.Rails[0])} .. {R(s.Rails[^1])}";
        return $"RAM {s.Ram!.UsedKilobytes / 1024}/{s.Ram.TotalKilobytes / 1024} | CPU {cores} | GPU {gpu} | {temps} | {rails}";
    }

    [TestMethod]
    [DataRow("tegrastats__agx_orin_64gb__jp5.1_or_6__root_bracket_uppercase.txt", 0, "RAM 4321/62801 | CPU 0@729,0@729,0@729,0@729,0@729,0@729,0@729,0@729,0@729,0@729,0@729,0@729 | GPU 0@0,0 | T11 CV0=off .. CV2=off | R6 VDD_GPU_SOC=2340/2340 .. NC=0/0")]
    [DataRow("tegrastats__agx_orin_64gb__jp7.2_r39.2__root_util_plus_gpc_array.txt", 0, "RAM 20642/62817 | CPU 23@2201,10@2201,4@2201,14@2201,30@2201,18@2201,10@2201,10@2201,33@2201,7@2201,5@2201,27@2201 | GPU 12@1300,1300 | T4 cpu=52.968 .. gpu=47.625 | R3 VDD_GPU_SOC=5139/5139/5139 .. VIN_SYS_5V0=5500/5500/5500")]
    [DataRow("tegrastats__agx_thor__jp7.2_r39.2__temp_with_limit_suffix_ABBREVIATED.txt", 0, "RAM 37755/125749 | CPU 2@972,0@972 | GPU none | T5 cpu=40.281 .. soc345=40.437 | R2 VDD_GPU=1975/1975/1975 .. VDD_CPU_SOC_MSS=5530/5530/5530")]
    [DataRow("tegrastats__agx_thor__jp7.2_r39.2__three_value_power.txt", 0, "RAM 36529/125749 | CPU 2@972,1@972,0@972,0@972,0@972,0@972,0@972,0@972,0@972,0@972,0@972,0@972,0@972,2@972 | GPU none | T5 cpu=60.406 .. soc345=63.281 | R4 VDD_GPU=37528/37528/37528 .. VIN=87426/43713/87426")]
    [DataRow("tegrastats__agx_xavier__jp4.1__nonroot.txt", 0, "RAM 1733/15827 | CPU 1@1190,0@1190,0@1190,0@1190,off,off,off,off | GPU 4@ | T9 AO=25.5 .. PMIC=100 | R6 GPU=621/621 .. SYS5V=2053/2053")]
    [DataRow("tegrastats__agx_xavier__jp4.1__root.txt", 0, "RAM 1736/15827 | CPU 1@1160,2@1161,0@1189,0@1189,off,off,off,off | GPU 0@114 | T9 AO=29 .. PMIC=100 | R6 GPU=466/466 .. SYS5V=1854/1854")]
    [DataRow("tegrastats__agx_xavier__jp4.2__nonroot_swap.txt", 0, "RAM 14700/15692 | CPU 0@1190,0@1190,0@1190,0@1190,0@1190,0@1190,0@1190,0@1190 | GPU 0@ | T8 AO=30 .. PMIC=100 | R6 GPU=463/463 .. SYS5V=3306/3306")]
    [DataRow("tegrastats__nano__jp4.2__root_iram.txt", 0, "RAM 1446/3957 | CPU 17@1428,11@1428,21@1428,12@1428 | GPU 0@76 | T6 PLL=20.5 .. thermal=22.25 | R3 POM_5V_IN=2830/1483 .. POM_5V_CPU=943/206")]
    [DataRow("tegrastats__nano__jp4.6__root_5w_cores_off_WRAPPED.txt", 0, "RAM 1409/3964 | CPU 22@518,67@518,off,off | GPU 0@76 | T0 | R0")]
    [DataRow("tegrastats__nano__jp4.x__nonroot.txt", 0, "RAM 2015/3964 | CPU 6@102,5@102,4@102,3@102 | GPU 0@ | T6 PLL=28 .. thermal=31.25 | R3 POM_5V_IN=1388/1388 .. POM_5V_CPU=163/163")]
    [DataRow("tegrastats__nano__jp4.x__root_nvenc_nvdec_active.txt", 0, "RAM 1180/3965 | CPU 30@1036,33@1036,28@1036,26@1036 | GPU 0@76 | T6 PLL=57 .. thermal=59.75 | R3 POM_5V_IN=4520/4680 .. POM_5V_CPU=1078/1205")]
    [DataRow("tegrastats__orin_nano_8gb__jp6.1__root_engines_off.txt", 0, "RAM 6185/7620 | CPU 15@729,11@729,14@729,13@729,11@729,8@729 | GPU 63@621 | T6 cpu=53.968 .. soc1=51.656 | R3 VDD_IN=12479/12479 .. VDD_SOC=2817/2817")]
    [DataRow("tegrastats__orin_nano_8gb__jp6.1__root_idle_engines_off.txt", 0, "RAM 2461/7620 | CPU 19@729,14@729,22@729,8@729,15@729,17@729 | GPU 0@305 | T6 cpu=46.531 .. soc1=48.843 | R3 VDD_IN=5704/5704 .. VDD_SOC=1624/1624")]
    [DataRow("tegrastats__orin_nano_8gb__jp6__nonroot.txt", 0, "RAM 3452/7620 | CPU 1@1420,2@1420,0@1420,2@1420,2@729,1@729 | GPU 0@ | T6 cpu=50.031 .. soc1=50.25 | R3 VDD_IN=4824/4824 .. VDD_SOC=1475/1475")]
    [DataRow("tegrastats__orin_nano_8gb__jp6__root_nvenc_nvdec_vic_busy.txt", 0, "RAM 6982/7620 | CPU 97@1984,95@1984,95@1984,91@1984,88@1984,93@247 | GPU 84@713 | T9 cv0=63.031 .. cv2=60.875 | R3 VDD_IN=17946/15710 .. VDD_SOC=3923/3515")]
    [DataRow("tegrastats__tx1__l4t28.1_jp3.1__legacy_lowercase_format.txt", 0, "RAM 3468/3983 | CPU 17@408,13@408,29@408,5@408 | GPU 3@76 | T0 | R0")]
    [DataRow("tegrastats__tx1__l4t28.1_jp3.1__legacy_lowercase_format.txt", 1, "RAM 3607/3983 | CPU 17@1734,11@1734,65@1734,0@1734 | GPU 39@76 | T0 | R0")]
    [DataRow("tegrastats__tx2__jp3.x__root_denver_cores_off.txt", 0, "RAM 1710/7854 | CPU 0@499,off,off,0@499,0@499,0@498 | GPU 0@140 | T8 BCPU=32 .. thermal=32 | R6 VDD_IN=1183/1183 .. VDD_DDR=192/192")]
    [DataRow("tegrastats__tx2__jp3.x__root_full_load_lfb_kB.txt", 0, "RAM 4722/7844 | CPU 55@2035,14@2034,27@2034,55@2035,47@2035,45@2035 | GPU 71@1300 | T9 BCPU=45 .. thermal=46.4 | R6 VDD_IN=14025/14416 .. VDD_DDR=2702/2702")]
    [DataRow("tegrastats__tx2__jp3.x__root_with_logger_prefix.txt", 0, "RAM 4923/7850 | CPU 33@2034,42@2033,100@2036,22@2035,61@2034,43@2035 | GPU 22@1300 | T9 BCPU=53 .. thermal=52.1 | R6 VDD_IN=9273/9056 .. VDD_DDR=1148/1198")]
    [DataRow("tegrastats__tx2__jp4.2__nonroot_vdd_sys_rails.txt", 0, "RAM 2020/7852 | CPU 9@345,21@345,25@345,3@345,1@345,1@345 | GPU 0@ | T8 PLL=42.5 .. Tdiode=41.25 | R6 VDD_SYS_GPU=153/158 .. VDD_SYS_DDR=557/601")]
    [DataRow("tegrastats__tx2__jp4.x__root_pmic50.txt", 0, "RAM 3276/7859 | CPU 44@1421,49@2031,67@2034,17@1420,25@1419,8@1420 | GPU 0@114 | T8 PLL=42.5 .. Tdiode=39.25 | R6 VDD_SYS_GPU=182/182 .. VDD_SYS_DDR=1241/1241")]
    [DataRow("tegrastats__xavier_nx_8gb__jp5__root_WRAPPED.txt", 0, "RAM 2690/6854 | CPU 3@1904,7@1906,1@1905,0@1907,off,off | GPU 0@510 | T5 AUX=39 .. PMIC=50 | R3 VDD_IN=5079/5079 .. VDD_SOC=1104/1104")]
    public void Parse_EveryRealCapture_ReadsAllFieldsAndLeavesNothingUnrecognised(string capture, int index, string expected)
    {
        TegrastatsSample sample = TegrastatsLine.Parse(Line(capture, index));

        Assert.AreEqual(expected, Summary(sample));
        Assert.IsEmpty(sample.Unrecognized, string.Join(' ', sample.Unrecognized));
    }

    [TestMethod]
    public void Parse_EmulatorTemplates_WithPlaceholdersFilled_LeaveNothingUnrecognised()
    {
        string[] templates = [.. Fixtures.Capture("tegrastats__EMULATOR_TEMPLATES__jetson_stats_tests_tegrastats.txt")
            .Split('\n').Where(l => l.StartsWith("echo \"", StringComparison.Ordinal))
            .Select(l => l[6..l.LastIndexOf('"')].Replace("$(($RANDOM%100+0))", "42", StringComparison.Ordinal).Replace("$RAND_GPU2", "7", StringComparison.Ordinal).Replace("$RAND_GPU", "13", StringComparison.Ordinal))];

        Assert.HasCount(12, templates);
        foreach (string template in templates)
        {
            TegrastatsSample sample = TegrastatsLine.Parse(template);
            Assert.IsEmpty(sample.Unrecognized, template);
            Assert.IsTrue(sample.Cores.Count >= 4 && sample.Cores.All(c => c.LoadPercent is 42 or 0), template);
            Assert.IsNotEmpty(sample.Temperatures, template);
        }

        // AGX Orin, JetPack 5.0 as root: two GPC groups as separate fields, and two rails named NC.
        TegrastatsSample orin = TegrastatsLine.Parse(templates[9]);
        Assert.AreEqual(new DateTime(2023, 1, 3, 16, 7, 54), orin.Timestamp);
        Assert.AreEqual(13, orin.Gpu!.LoadPercent);
        Assert.AreEqual(7, orin.Gpu2!.LoadPercent);
        Assert.AreEqual(0, orin.Gpu2.FrequencyMhz);
        Assert.AreEqual(729, orin.Engine("NVJPG1")!.FrequencyMhz);
        Assert.AreEqual(115, orin.Engine("VIC_FREQ")!.FrequencyMhz);
        Assert.AreEqual(2, orin.Rails.Count(r => r.Name == "NC"));
    }

    [TestMethod]
    public void Parse_LeadingTimestamp_IsRead()
    {
        TegrastatsSample sample = TegrastatsLine.Parse(Line("tegrastats__orin_nano_8gb__jp6.1__root_engines_off.txt", 0));

        Assert.AreEqual(new DateTime(2024, 11, 15, 8, 38, 9), sample.Timestamp);
    }

    [TestMethod]
    public void Parse_LoggerPrefix_IsReadAsTimestampNotAsTokens()
    {
        TegrastatsSample sample = TegrastatsLine.Parse(Line("tegrastats__tx2__jp3.x__root_with_logger_prefix.txt", 0));

        Assert.AreEqual(new DateTime(2018, 8, 23, 16, 30, 36), sample.Timestamp);
        Assert.AreEqual(0, sample.MtsForegroundPercent);
        Assert.AreEqual(0, sample.MtsBackgroundPercent);
    }

    [TestMethod]
    public void Parse_OffCores_KeepTheirRealIds()
    {
        TegrastatsSample sample = TegrastatsLine.Parse(Line("tegrastats__tx2__jp3.x__root_denver_cores_off.txt", 0));

        CollectionAssert.AreEqual(new[] { 0, 3, 4, 5 }, sample.Cores.Where(c => c.Online).Select(c => c.Id).ToArray());
        Assert.AreEqual(new TegraCore(1, false, null, null), sample.Cores[1]);
    }

    [TestMethod]
    public void Parse_MemoryUnits_LfbInKilobytesOrMegabytesAndIramGluedToItsBracket()
    {
        TegrastatsSample tx2 = TegrastatsLine.Parse(Line("tegrastats__tx2__jp3.x__root_full_load_lfb_kB.txt", 0));
        TegrastatsSample nano = TegrastatsLine.Parse(Line("tegrastats__nano__jp4.x__root_nvenc_nvdec_active.txt", 0));

        Assert.AreEqual(new TegraMemory(4722L * 1024, 7844L * 1024, null, 512, 1), tx2.Ram);
        Assert.IsNull(tx2.Swap);
        Assert.AreEqual(new TegraMemory(1180L * 1024, 3965L * 1024, null, 2048, 1), nano.Ram);
        Assert.AreEqual(new TegraMemory(149L * 1024, 1024L * 1024, 7L * 1024, null, null), nano.Swap);
        Assert.AreEqual(new TegraMemory(0, 252, null, 252, null), nano.Iram);
    }

    [TestMethod]
    public void Parse_XavierNameCollision_GpuTemperatureAndGpuRailAreBothRead()
    {
        TegrastatsSample sample = TegrastatsLine.Parse(Line("tegrastats__agx_xavier__jp4.1__nonroot.txt", 0));

        Assert.AreEqual(26.5, sample.Temperatures.Single(t => t.Name == "GPU").Celsius);
        Assert.AreEqual(new TegraRail("GPU", 621, 621, null), sample.Rails.Single(r => r.Name == "GPU"));
        Assert.AreEqual(new TegraRail("CPU", 465, 465, null), sample.Rails.Single(r => r.Name == "CPU"));
    }

    [TestMethod]
    public void Parse_Minus256_IsASensorThatIsOff()
    {
        TegrastatsSample sample = TegrastatsLine.Parse(Line("tegrastats__agx_orin_64gb__jp5.1_or_6__root_bracket_uppercase.txt", 0));

        CollectionAssert.AreEqual(new[] { "CV0", "CV1", "GPU", "CV2" }, sample.Temperatures.Where(t => t.Celsius is null).Select(t => t.Name).ToArray());
        Assert.AreEqual(44.562, sample.Temperatures.Single(t => t.Name == "CPU").Celsius);
    }

    [TestMethod]
    public void Parse_TwoValueTemperaturesAndThreeValueRails_KeepEveryValue()
    {
        TegrastatsSample sample = TegrastatsLine.Parse(Line("tegrastats__agx_thor__jp7.2_r39.2__three_value_power.txt", 0));
        TegrastatsSample orin = TegrastatsLine.Parse(Line("tegrastats__agx_orin_64gb__jp7.2_r39.2__root_util_plus_gpc_array.txt", 0));

        Assert.AreEqual(new TegraRail("VIN", 87426, 43713, 87426), sample.Rails.Single(r => r.Name == "VIN"));
        Assert.AreEqual(new TegraRail("VIN_SYS_5V0", 18331, 18331, 18331), sample.Rails.Single(r => r.Name == "VIN_SYS_5V0"));
        Assert.AreEqual(new TegraTemperature("cpu", 52.968, 52.968), orin.Temperatures[0]);
    }

    [TestMethod]
    public void Parse_EnginesOffBareMhzAndLoadAtFrequency()
    {
        TegrastatsSample busy = TegrastatsLine.Parse(Line("tegrastats__orin_nano_8gb__jp6__root_nvenc_nvdec_vic_busy.txt", 0));
        TegrastatsSample nano = TegrastatsLine.Parse(Line("tegrastats__nano__jp4.x__root_nvenc_nvdec_active.txt", 0));

        Assert.AreEqual(40, busy.Engine("NVDEC")!.LoadPercent);
        Assert.AreEqual(115, busy.Engine("NVDEC")!.FrequencyMhz);
        Assert.IsTrue(busy.Engine("NVJPG")!.Off);
        Assert.IsTrue(busy.Engine("PVA0_FREQ")!.Off);
        Assert.AreEqual(18, busy.Emc!.LoadPercent);
        Assert.AreEqual(3199, busy.Emc.FrequencyMhz);
        Assert.AreEqual(1, busy.Engine("NVENC")!.LoadPercent);
        Assert.AreEqual(115, busy.Engine("VIC")!.FrequencyMhz);
        Assert.AreEqual(716, nano.Engine("NVENC")!.FrequencyMhz);
        Assert.IsNull(nano.Engine("NVENC")!.LoadPercent);
        Assert.AreEqual(25, nano.Engine("APE")!.FrequencyMhz);
    }

    [TestMethod]
    public void Parse_ThorGpuFrequenciesWithoutLoad_IsNotZeroPercent()
    {
        TegrastatsSample sample = TegrastatsLine.Parse("RAM 36529/125749MB (lfb 12x4MB) CPU [2%@972] GR3D_FREQ @[314,314,314] NVENC0_FREQ @314 OFA_FREQ @315 PVA0_FREQ off cpu@60.406C");

        Assert.IsNull(sample.Gpu!.LoadPercent);
        CollectionAssert.AreEqual(new[] { 314, 314, 314 }, sample.Gpu.FrequenciesMhz.ToArray());
        Assert.AreEqual(314, sample.Engine("NVENC0_FREQ")!.FrequencyMhz);
        Assert.IsEmpty(sample.Unrecognized);
    }

    [TestMethod]
    public void Parse_EmcWithFrequencyOnly()
    {
        TegrastatsSample sample = TegrastatsLine.Parse("RAM 1/2MB CPU [1%@2] EMC_FREQ @2133");

        Assert.IsNull(sample.Emc!.LoadPercent);
        Assert.AreEqual(2133, sample.Emc.FrequencyMhz);
    }

    [TestMethod]
    public void Parse_TrailingSpacesAndFieldsInAnyOrder()
    {
        TegrastatsSample sample = TegrastatsLine.Parse("  VDD_IN 10mW/20mW cpu@50C CPU [1%@100,2%@200] RAM 1/2MB   ");

        Assert.AreEqual(2, sample.Cores.Count);
        Assert.AreEqual(new TegraRail("VDD_IN", 10, 20, null), sample.Rails.Single());
        Assert.AreEqual(1024L, sample.Ram!.UsedKilobytes);
        Assert.IsEmpty(sample.Unrecognized);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("Segmentation fault ### RAM lots CPU [x%@y] GR3D_FREQ ??? @@@")]
    [DataRow("RAM CPU SWAP")]
    [DataRow("CPU [")]
    public void Parse_Garbage_NeverThrowsAndKeepsTheTokens(string line)
    {
        TegrastatsSample sample = TegrastatsLine.Parse(line);

        Assert.IsNull(sample.Ram);
        Assert.IsEmpty(sample.Cores);
        Assert.AreEqual(line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, sample.Unrecognized.Count);
    }
}
