using System.IO.Abstractions;
using HardwareProbes.Cpu;
using HardwareProbes.Machine;
using HardwareProbes.Identity;
using HardwareProbes.Jetson;
using HardwareProbes.Network;
using HardwareProbes.RaspberryPi;
using HardwareProbes.Snapshots;
using HardwareProbes.Storage;
using HardwareProbes.Thermal;
using Microsoft.Extensions.Time.Testing;

namespace HardwareProbes.Tests.Snapshots;

[TestClass]
public sealed class LinuxSnapshotSourceTests
{
    private static readonly DiskIoCounters FixtureDiskIo = new(25401943, 29523076, 516091729408, 279116116480, ["sda", "mmcblk0", "nvme0n1"]);

    /// <summary>Collects once from the board's tree, then again after /proc/stat advanced to later/proc/stat.</summary>
    private static (HardwareSnapshot First, HardwareSnapshot Second) CollectTwice(string board)
    {
        string root = Fixtures.CopyBoard(board);
        try
        {
            // One repeated tegrastats line: the replay of the whole capture alternates two lines, and which one is newest
            // when the second snapshot is taken depends on how fast the machine runs.
            using var source = new LinuxSnapshotSource(new FileSystem(), Fixtures.OptionsWithCopiedToolsFor(root), TimeProvider.System);
            HardwareSnapshot first = source.Collect();
            File.Copy(Path.Combine(root, "later", "proc", "stat"), Path.Combine(root, "proc", "stat"), overwrite: true);
            WaitForTegrastats(source);
            HardwareSnapshot second = source.Collect();
            return (first, second);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>On a Jetson the first snapshot starts tegrastats; wait (in real time) for its first line.</summary>
    private static void WaitForTegrastats(LinuxSnapshotSource source)
    {
        if (source.Tegrastats is not TegrastatsSource tegrastats || tegrastats.Status == TegrastatsStatus.Absent)
        {
            return;
        }

        WaitUntil(() => tegrastats.Latest is not null);
        Assert.IsNotNull(tegrastats.Latest, $"no tegrastats line: {tegrastats.Status} {tegrastats.LastError}");
    }

    /// <summary>Polls (in real time, up to 10 s) until the condition holds; the caller asserts what it waited for.</summary>
    private static void WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }
    }

    private static void AssertCommonProcfs(HardwareSnapshot s)
    {
        Assert.AreEqual(new LoadAverage(0.02, 0.04, 0.05), s.LoadAverage);
        Assert.AreEqual(FixtureDiskIo.ReadCount, s.DiskIo!.ReadCount);
        Assert.AreEqual(FixtureDiskIo.WriteCount, s.DiskIo.WriteCount);
        Assert.AreEqual(FixtureDiskIo.ReadBytes, s.DiskIo.ReadBytes);
        Assert.AreEqual(FixtureDiskIo.WriteBytes, s.DiskIo.WriteBytes);
        CollectionAssert.AreEqual(FixtureDiskIo.Disks.ToArray(), s.DiskIo!.Disks.ToArray());
        CollectionAssert.AreEqual(new[] { "vethf345468", "lo", "docker0", "eth0" }, s.NetworkInterfaces!.Select(i => i.Name).ToArray());
        Assert.AreEqual(new InterfaceCounters("eth0", 874354587, 1036395, 0, 0, 563352563, 732147, 0, 0), s.NetworkInterfaces![3]);
        Assert.AreEqual(2, s.ActiveConnections);
        FilesystemUsage disk = s.Filesystems.Single();
        Assert.AreEqual(Fixtures.Root, disk.MountPoint);
        Assert.AreEqual(new DriveInfo(Fixtures.Root).TotalSize, disk.TotalBytes);
    }

    [TestMethod]
    public void Collect_RaspberryPi4Tree_ReadsEverything()
    {
        (HardwareSnapshot first, HardwareSnapshot s) = CollectTwice("raspberry-pi-4");

        Assert.IsNull(first.Cpu.UsagePercent);
        Assert.AreEqual("first reading: usage needs a second one", first.Sources["cpu_usage"]);
        Assert.AreEqual(new DeviceIdentity(BoardKind.RaspberryPi, "Raspberry Pi 4 Model B Rev 1.5", "xxxxxxxxxxxxxxxx", "Cortex-A72", s.Identity.CpuInfo, null, null), s.Identity);
        Assert.AreEqual("d03115", s.Identity.CpuInfo!.Revision);
        SnapshotAssert.Usage(s, 35.0, 80.0, 20.0, 40.0, 0.0);
        CollectionAssert.AreEqual(new CpuCore[] { new(0, true, s.Cpu.Cores[0].UsagePercent, 1500, 1800), new(1, true, s.Cpu.Cores[1].UsagePercent, 1500, 1800), new(2, true, s.Cpu.Cores[2].UsagePercent, 600, 1800), new(3, true, s.Cpu.Cores[3].UsagePercent, 1500, 1800) }, s.Cpu.Cores.ToArray());
        Assert.AreEqual(1275.0, s.Cpu.FrequencyMhz);
        // The cpu_thermal hwmon chip is the kernel's mirror of the cpu-thermal zone: one sensor, its second name an alias.
        CollectionAssert.AreEqual(new TemperatureReading[] { new("cpu-thermal", "thermal_zone0", 49.925, null) { Alias = "cpu_thermal temp1" } }, s.Temperatures.ToArray());
        Assert.AreEqual(49.925, s.CpuTemperatureCelsius);
        Assert.AreEqual(15666184L * 1024, s.Memory!.TotalBytes);
        Assert.AreEqual(471007232L, s.Memory.UsedBytes);
        Assert.AreEqual(15204908L * 1024, s.Memory.AvailableBytes);
        Assert.IsTrue(s.Memory.AvailableIsEstimated);
        Assert.AreEqual(0L, s.Swap!.TotalBytes);
        Assert.AreEqual(351735.65, s.UptimeSeconds);
        Assert.AreEqual(-59, s.WirelessSignalDbm!["wlo1"]);
        Assert.AreEqual(3, s.UsbDevices);
        AssertCommonProcfs(s);
        Assert.IsNull(s.Jetson);
        RaspberryPiReading pi = s.RaspberryPi!;
        Assert.AreEqual(0x50000u, pi.Throttle!.Raw, "from sysfs soc:firmware/get_throttled, not vcgencmd's 0x50005");
        Assert.IsTrue(pi.Throttle.UnderVoltageOccurred);
        Assert.IsFalse(pi.UnderVoltageNow, "rpi_volt in0_lcrit_alarm is 0");
        Assert.AreEqual(1.2, pi.CoreVolts);
        Assert.AreEqual(1_500_000_000L, pi.ArmClockHz, "cpufreq of cpu0, not measure_clock arm");
        Assert.AreEqual(250_000_000L, pi.CoreClockHz);
        Assert.AreEqual(0L, pi.V3dClockHz);
        Assert.IsNull(pi.SdramClockHz);
        Assert.AreEqual(128L * 1024 * 1024, pi.GpuMemoryBytes);
        Assert.AreEqual(new FirmwareVersion(new DateTime(2020, 2, 12, 12, 36, 21), "c3c8dbdf147686fb0c3f32aece709d0653368810", pi.Firmware!.Flags), pi.Firmware);
        SnapshotAssert.Sources(s, ("tegra_release", "nv_tegra_release: not found"), ("sdram_clock", "vcgencmd get_config sdram_freq: invalid arguments"));
    }

    [TestMethod]
    public void Collect_RaspberryPi5Tree_ReadsDeviceTreeSerialAndSwap()
    {
        (_, HardwareSnapshot s) = CollectTwice("raspberry-pi-5");

        Assert.AreEqual(new DeviceIdentity(BoardKind.RaspberryPi, "Raspberry Pi 5 Model B Rev 1.0", "ee14f78c1312ce93", "Cortex-A76", s.Identity.CpuInfo, null, null), s.Identity);
        Assert.AreEqual("BCM2835", s.Identity.CpuInfo!.Hardware);
        SnapshotAssert.Usage(s, 35.0, 80.0, 20.0, 40.0, 0.0);
        Assert.AreEqual(1950.0, s.Cpu.FrequencyMhz);
        Assert.IsTrue(s.Cpu.Cores.All(c => c.MaxFrequencyMhz == 2400));
        Assert.AreEqual(61.05, s.CpuTemperatureCelsius);
        Assert.AreEqual(3742148L * 1024, s.Memory!.TotalBytes);
        Assert.AreEqual(new HardwareProbes.Memory.SwapReading(4194300L * 1024, (4194300L - 3155360) * 1024, 3155360L * 1024, (4194300 - 3155360) * 100.0 / 4194300, 192504L * 1024), s.Swap);
        Assert.IsEmpty(s.WirelessSignalDbm!);
        Assert.AreEqual(5, s.UsbDevices);
        AssertCommonProcfs(s);
        RaspberryPiReading pi = s.RaspberryPi!;
        Assert.AreEqual(0x50005u, pi.Throttle!.Raw, "no sysfs attribute on this tree: from vcgencmd get_throttled");
        Assert.IsTrue(pi.UnderVoltageNow, "no rpi_volt alarm: bit 0 of the mask");
        Assert.IsTrue(pi.Throttle.Throttled);
        Assert.AreEqual(2_400_000_000L, pi.ArmClockHz);
        Assert.AreEqual(0L, pi.V3dClockHz, "labelled measure_clock reply");
        Assert.AreEqual(3_200_000_000L, pi.SdramClockHz);
        Assert.AreEqual(256L * 1024 * 1024, pi.GpuMemoryBytes);
        Assert.AreEqual("0e6daa5106dd4164474616408e0dc24f997ffcf3", pi.Firmware!.Version);
        Assert.AreEqual(5.06788, pi.Pmic!.Ext5vVolts);
        Assert.AreEqual(2u, pi.PowerReset!.Value, "the bootloader's power_reset cell: under-voltage");
        Assert.HasCount(19, s.Sensors);
        SnapshotAssert.Sources(s, ("tegra_release", "not found"), ("sensor:humidity:sht4x humidity1", "104.2 % is outside"));
    }

    [TestMethod]
    public void Collect_JetsonNanoTreeInFiveWattMode_KeepsOfflineCoresWithTheirIds()
    {
        (_, HardwareSnapshot s) = CollectTwice("jetson-nano");

        Assert.AreEqual(BoardKind.Jetson, s.Identity.Board);
        Assert.AreEqual("NVIDIA Jetson Nano Developer Kit", s.Identity.Model);
        Assert.AreEqual("Cortex-A57", s.Identity.CpuModel);
        Assert.IsNull(s.Identity.Serial);
        Assert.AreEqual("32.5.1", s.Identity.TegraRelease!.Version);
        Assert.AreEqual("t210ref", s.Identity.TegraRelease.Board);
        SnapshotAssert.Usage(s, 50.0, 80.0, 20.0, null, null);
        CollectionAssert.AreEqual(new CpuCore[] { new(0, true, s.Cpu.Cores[0].UsagePercent, 518.4, 1479), new(1, true, s.Cpu.Cores[1].UsagePercent, 518.4, 1479), new(2, false, null, null, 1479), new(3, false, null, null, 1479) }, s.Cpu.Cores.ToArray());
        CollectionAssert.AreEqual(
            new[] { ("AO-therm", 31.0), ("CPU-therm", 24.5), ("GPU-therm", 26.5), ("PLL-therm", 24.5), ("PMIC-Die", 100.0), ("thermal-fan-est", 25.5) },
            s.Temperatures.Select(t => (t.Name, t.Celsius!.Value)).ToArray());
        Assert.AreEqual(24.5, s.CpuTemperatureCelsius);
        Assert.AreEqual(8366284L * 1024, s.Memory!.AvailableBytes);
        Assert.IsFalse(s.Memory.AvailableIsEstimated);
        Assert.AreEqual(4521.08, s.UptimeSeconds);
        Assert.AreEqual(4, s.UsbDevices);
        AssertCommonProcfs(s);
        Assert.IsNull(s.RaspberryPi);
        JetsonReading jetson = s.Jetson!;
        Assert.AreEqual(TegrastatsStatus.Running, jetson.Status);
        Assert.AreEqual(0, jetson.Restarts);
        CollectionAssert.AreEqual(new TegraCore[] { new(0, true, 6, 102), new(1, true, 5, 102), new(2, true, 4, 102), new(3, true, 3, 102) }, jetson.Sample!.Cores.ToArray());
        CollectionAssert.AreEqual(new TegraRail[] { new("POM_5V_IN", 1388, 1388, null), new("POM_5V_GPU", 122, 122, null), new("POM_5V_CPU", 163, 163, null) }, jetson.Sample.Rails.ToArray());
        Assert.AreEqual(31.5, jetson.Sample.Temperatures.Single(t => t.Name == "CPU").Celsius);
        Assert.AreEqual(0.0, jetson.GpuLoadPercent);
        Assert.AreEqual("tegrastats", jetson.GpuLoadSource);
        Assert.AreEqual(921.6, jetson.GpuFrequencyMhz, "non-root tegrastats prints no GPU frequency: devfreq");
        Assert.AreEqual("sysfs", jetson.GpuFrequencySource);
        SnapshotAssert.Sources(s, ("serial", "serial-number: not found"), ("hwmon", "not found"));
    }

    [TestMethod]
    public void Collect_JetsonOrinNanoTree_ReportsPowerGatedZoneAsNullWithReason()
    {
        (_, HardwareSnapshot s) = CollectTwice("jetson-orin-nano");

        Assert.AreEqual(BoardKind.Jetson, s.Identity.Board);
        Assert.AreEqual("NVIDIA Jetson Orin Nano Engineering Reference Developer Kit Super", s.Identity.Model);
        Assert.AreEqual("Cortex-A78AE", s.Identity.CpuModel);
        Assert.AreEqual(new TegraRelease(36, "4.7", "generic", "Thu Sep 18 22:54:44 UTC 2025", "oot"), s.Identity.TegraRelease);
        SnapshotAssert.Usage(s, 40.0, 80.0, 20.0, 40.0, 0.0, 80.0, 20.0);
        Assert.AreEqual(729.6, s.Cpu.FrequencyMhz!.Value, 1e-9);
        Assert.IsTrue(s.Cpu.Cores.All(c => c.MaxFrequencyMhz == 1728));
        CollectionAssert.AreEqual(
            new[] { ("cpu-thermal", (double?)53.968), ("gpu-thermal", 53.343), ("cv0-thermal", null), ("soc0-thermal", 50.75), ("soc1-thermal", 51.656), ("soc2-thermal", 52.437), ("tj-thermal", 53.968) },
            s.Temperatures.Select(t => (t.Name, t.Celsius)).ToArray());
        Assert.AreEqual(53.968, s.CpuTemperatureCelsius);
        StringAssert.Contains(s.Temperatures[2].Failure, "reports -256 °C, a no-reading sentinel");
        Assert.AreEqual(-59, s.WirelessSignalDbm!["wlo1"]);
        AssertCommonProcfs(s);
        JetsonReading jetson = s.Jetson!;
        Assert.AreEqual(63.0, jetson.GpuLoadPercent);
        Assert.AreEqual(621.0, jetson.GpuFrequencyMhz);
        Assert.AreEqual("tegrastats", jetson.GpuFrequencySource);
        Assert.AreEqual(new TegraRail("VDD_CPU_GPU_CV", 4667, 4667, null), jetson.Sample!.Rails[1]);
        Assert.AreEqual(43, jetson.Sample.Emc!.LoadPercent);
        Assert.AreEqual(new PowerMode(2, "MAXN_SUPER"), jetson.PowerMode, "pmode:0002, named by nvpmodel.conf");
        CollectionAssert.AreEqual(
            new[]
            {
                new OverCurrentCounter("oc1", "under-voltage", 0, true, null),
                new OverCurrentCounter("oc2", "average over-current", 15, true, null),
                new OverCurrentCounter("oc3", "instantaneous over-current", 37, true, null),
            },
            jetson.OverCurrent.ToArray());
        SnapshotAssert.Sources(s, ("serial", "not found"), ("temperature:thermal_zone2", "thermal_zone2/temp: reports -256 °C"));
    }

    [TestMethod]
    public void Collect_JetsonWithoutTegrastats_ReadsTheGpuFromSysfsAndSaysWhy()
    {
        ProbeOptions options = Fixtures.OptionsFor(Fixtures.Board("jetson-orin-nano"));
        options.Tegrastats.ExecutablePath = "/nonexistent/tegrastats";
        using var source = new LinuxSnapshotSource(new FileSystem(), options, TimeProvider.System);
        source.Collect();
        WaitUntil(() => source.Tegrastats!.Status == TegrastatsStatus.Absent);

        HardwareSnapshot s = source.Collect();

        JetsonReading jetson = s.Jetson!;
        Assert.AreEqual(TegrastatsStatus.Absent, jetson.Status);
        Assert.IsNull(jetson.Sample);
        Assert.AreEqual(63.0, jetson.GpuLoadPercent);
        Assert.AreEqual("sysfs", jetson.GpuLoadSource);
        Assert.AreEqual(621.0, jetson.GpuFrequencyMhz);
        Assert.AreEqual("/nonexistent/tegrastats: not found", s.Sources["tegrastats"]);
    }

    [TestMethod]
    public void Collect_X86ServerTree_ReadsHwmonLabelsAndNoBoardModel()
    {
        (_, HardwareSnapshot s) = CollectTwice("x86-server");

        Assert.AreEqual(BoardKind.Linux, s.Identity.Board);
        Assert.IsNull(s.Identity.Model);
        Assert.AreEqual("Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz", s.Identity.CpuModel);
        SnapshotAssert.Usage(s, 35.0, 80.0, 20.0, 40.0, 0.0, 80.0, 20.0, 40.0, 0.0);
        Assert.AreEqual((1699.981 + 1200.195) / 2, s.Cpu.FrequencyMhz!.Value, 1e-9);
        CollectionAssert.AreEqual(
            new[] { "x86_pkg_temp", "acpitz", "coretemp Physical id 0", "coretemp Core 0", "nvme Composite", "nvme Sensor 1", "nvme Sensor 2" },
            s.Temperatures.Select(t => t.Name).ToArray());
        CollectionAssert.AreEqual(new double?[] { 49.925, -44.0, 55.0, 54.0, 43.85 }, s.Temperatures.Take(5).Select(t => t.Celsius).ToArray());
        Assert.AreEqual("hwmon3/temp2", s.Temperatures[5].Source);
        Assert.AreEqual(49.925, s.CpuTemperatureCelsius);
        Assert.AreEqual(16268680L * 1024, s.Memory!.TotalBytes);
        Assert.AreEqual(7818092544L, s.Memory.UsedBytes);
        Assert.IsEmpty(s.WirelessSignalDbm!);
        Assert.IsNull(s.UsbDevices);
        AssertCommonProcfs(s);
        SnapshotAssert.Sources(
            s,
            ("model", "no device-tree, cpuinfo or DMI model"),
            ("serial", "not found"),
            ("tegra_release", "not found"),
            ("usb", "not found"));
    }

    [TestMethod]
    public void Collect_TcpConnections_AreCountedAtMostOncePerRefreshInterval()
        => AssertRecount(new FakeTimeProvider(), reused: TimeSpan.FromSeconds(9), recounted: TimeSpan.FromSeconds(10));

    [TestMethod]
    public void Collect_SlowTcpCount_IsSpacedByItsCostUpToAMinute()
        // Every reading of the clock moves it 20 ms on: the count appears to take 20 ms, like /proc/net/tcp on a large
        // host, so the next one waits 5000 × 20 ms = 100 s, capped at a minute.
        => AssertRecount(new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromMilliseconds(20) }, reused: TimeSpan.FromSeconds(30), recounted: TimeSpan.FromSeconds(61));

    /// <summary>Counts, makes 3 more sockets non-LISTEN, and checks the count is reused <paramref name="reused"/> on and redone <paramref name="recounted"/> on.</summary>
    private static void AssertRecount(FakeTimeProvider time, TimeSpan reused, TimeSpan recounted)
    {
        string root = Fixtures.CopyBoard("x86-server");
        try
        {
            using var source = new LinuxSnapshotSource(new FileSystem(), Fixtures.OptionsFor(root), time);
            Assert.AreEqual(2, source.Collect().ActiveConnections);

            // Every socket of the IPv4 file becomes ESTABLISHED (01): 3 more non-LISTEN sockets.
            string tcp = Path.Combine(root, "proc", "net", "tcp");
            File.WriteAllText(tcp, File.ReadAllText(tcp).Replace(" 0A ", " 01 ", StringComparison.Ordinal));
            time.Advance(reused);
            Assert.AreEqual(2, source.Collect().ActiveConnections, $"{reused} on, the last count is reused");

            time.Advance(recounted - reused);
            Assert.AreEqual(5, source.Collect().ActiveConnections, $"{recounted} on, the sockets are counted again");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
