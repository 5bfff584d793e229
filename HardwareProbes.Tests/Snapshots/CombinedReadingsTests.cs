using HardwareProbes.Cpu;
using HardwareProbes.Identity;
using HardwareProbes.Jetson;
using HardwareProbes.Memory;
using HardwareProbes.Snapshots;
using HardwareProbes.Thermal;

namespace HardwareProbes.Tests.Snapshots;

/// <summary>Which source feeds the combined readings: the kernel's figures first, tegrastats' where those are missing.</summary>
[TestClass]
public sealed class CombinedReadingsTests
{
    // Orin Nano, JetPack 6, root: six cores, RAM 2880/7620MB, SWAP 0/3810MB (cached 0), cpu@47.406C, gpu@45.75C.
    private static readonly TegrastatsSample Orin = TegrastatsLine.Parse(File.ReadLines(Path.Combine(Fixtures.Root, "captures", "tegrastats__orin_nano_8gb__jp6.1__root_engines_off.txt")).First(l => l.Contains("RAM", StringComparison.Ordinal)));

    [TestMethod]
    public void Cores_WithoutTegrastats_AreTheKernelsOwnList()
    {
        CpuReading cpu = Reading(new CpuCore(0, true, 12.5, 1500, 1800));

        Assert.AreSame(cpu.Cores, CombinedReadings.Cores(cpu, null));
    }

    [TestMethod]
    public void Cores_OnlineWithoutCpufreq_TakeTegrastatsClock_OfflineStayWithout()
    {
        CpuReading cpu = Reading(new CpuCore(0, true, 12.5, null, null), new CpuCore(1, true, 3, 1000, null), new CpuCore(5, false, null, null, null));

        IReadOnlyList<CpuCore> cores = CombinedReadings.Cores(cpu, Orin);

        Assert.AreEqual(Orin.Cores[0].FrequencyMhz, cores[0].FrequencyMhz);
        Assert.AreEqual(12.5, cores[0].UsagePercent, "usage stays the kernel's");
        Assert.AreEqual(1000, cores[1].FrequencyMhz, "cpufreq wins where it has a value");
        Assert.IsNull(cores[2].FrequencyMhz);
        Assert.IsNull(cpu.Cores[0].FrequencyMhz, "the kernel's reading is not changed");
    }

    [TestMethod]
    public void Cores_WhenProcfsGaveNone_AreTegrastatsCores()
    {
        IReadOnlyList<CpuCore> cores = CombinedReadings.Cores(Reading(), Orin);

        Assert.HasCount(Orin.Cores.Count, cores);
        Assert.AreEqual(Orin.Cores[0].LoadPercent, cores[0].UsagePercent);
        Assert.AreEqual(Orin.Cores[0].FrequencyMhz, cores[0].FrequencyMhz);
        Assert.AreEqual(Orin.Cores[0].Online, cores[0].Online);
    }

    [TestMethod]
    public void RamAndSwap_ComeFromMeminfo_ElseFromTegrastats()
    {
        var memory = new MemoryReading(8L << 30, 6L << 30, 2L << 30, 5L << 30, 0, 0, 25, true);
        Assert.AreEqual(new MemoryUse(2L << 30, 8L << 30, null, SourceNames.Memory), CombinedReadings.Ram(memory, Orin));

        MemoryUse? ram = CombinedReadings.Ram(null, Orin);
        Assert.AreEqual(new MemoryUse(Orin.Ram!.UsedKilobytes * 1024, Orin.Ram.TotalKilobytes * 1024, null, SourceNames.Tegrastats), ram);
        MemoryUse? swap = CombinedReadings.Swap(null, Orin);
        Assert.AreEqual(Orin.Swap!.TotalKilobytes * 1024, swap!.TotalBytes);
        Assert.AreEqual(SourceNames.Tegrastats, swap.Source);
        Assert.IsNull(CombinedReadings.Ram(null, null));
    }

    [TestMethod]
    public void GpuTemperature_IsTheSocSensorOnAPi_TheGpuZoneOnAJetson_NoneElsewhere()
    {
        TemperatureReading[] zones = [new("CPU-therm", "thermal_zone0", 50.5, null), new("GPU-therm", "thermal_zone1", 44.25, null)];

        Assert.AreEqual(51.0, CombinedReadings.GpuTemperature(BoardKind.RaspberryPi, 51.0, [], null));
        Assert.AreEqual(44.25, CombinedReadings.GpuTemperature(BoardKind.Jetson, 50.5, zones, Orin));
        Assert.AreEqual(Orin.Temperatures.Single(t => t.Name.Equals("gpu", StringComparison.OrdinalIgnoreCase)).Celsius, CombinedReadings.GpuTemperature(BoardKind.Jetson, 50.5, zones[..1], Orin), "no GPU zone: tegrastats' gpu sensor");
        Assert.IsNull(CombinedReadings.GpuTemperature(BoardKind.Linux, 50.5, zones, null));
    }

    [TestMethod]
    public void Snapshot_OnAJetsonTree_CarriesTheCombinedReadings()
    {
        string root = Fixtures.CopyBoard("jetson-orin-nano");
        try
        {
            using var source = new LinuxSnapshotSource(new System.IO.Abstractions.FileSystem(), Fixtures.OptionsWithCopiedToolsFor(root), TimeProvider.System);
            HardwareSnapshot first = source.Collect();
            TegrastatsSource tegrastats = source.Tegrastats!;
            Fixtures.WaitForTegrastats(source);

            HardwareSnapshot s = source.Collect();

            Assert.IsNotNull(s.Jetson?.Sample, $"tegrastats: {tegrastats.Status} {tegrastats.LastError}");
            Assert.HasCount(s.Cpu.Cores.Count, s.CombinedCores);
            Assert.AreEqual(s.Memory!.UsedBytes, s.CombinedRam!.UsedBytes);
            Assert.AreEqual(SourceNames.Memory, s.CombinedRam.Source);
            Assert.IsNotNull(s.GpuTemperatureCelsius);
            Assert.AreEqual(first.Identity, s.Identity);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static CpuReading Reading(params CpuCore[] cores) => new(null, null, cores, null);
}
