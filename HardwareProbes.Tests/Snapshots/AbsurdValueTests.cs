using System.IO.Abstractions;
using HardwareProbes.Jetson;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Tests.Snapshots;

/// <summary>
/// Board trees with one file made absurd: that source is null with a reason naming the file, and every other source
/// is still read. Each case was once a crash, an out-of-memory or a value served silently wrong.
/// </summary>
[TestClass]
public sealed class AbsurdValueTests
{
    /// <summary>Copies <paramref name="board"/>, lets <paramref name="change"/> alter the copy, and takes two snapshots (the second has CPU usage).</summary>
    private static HardwareSnapshot Collect(string board, Action<string> change)
    {
        string root = Fixtures.CopyBoard(board);
        try
        {
            change(root);
            using var source = new LinuxSnapshotSource(new FileSystem(), Fixtures.OptionsWithCopiedToolsFor(root), TimeProvider.System);
            source.Collect();
            File.Copy(Path.Combine(root, "later", "proc", "stat"), Path.Combine(root, "proc", "stat"), overwrite: true);
            Fixtures.WaitForTegrastats(source);

            return source.Collect();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Write(string root, string relative, string text) => File.WriteAllText(Path.Combine(root, relative), text);

    /// <summary>The board's own failures (what its tree lacks) stay as they are; the named source fails; everything else is ok.</summary>
    private static void AssertOnlyFailed(HardwareSnapshot s, string board, params (string Source, string Reason)[] failed)
    {
        (string, string)[] expected = board switch
        {
            "raspberry-pi-4" => [("tegra_release", "not found"), ("sdram_clock", "vcgencmd get_config sdram_freq: invalid arguments")],
            "jetson-orin-nano" => [("serial", "not found"), ("temperature:thermal_zone2", "-256 °C")],
            "x86-server" => [("model", "no device-tree, cpuinfo or DMI model"), ("serial", "not found"), ("tegra_release", "not found"), ("usb", "not found")],
            _ => [],
        };
        SnapshotAssert.Sources(s, [.. expected.Where(e => !failed.Any(f => f.Source == e.Item1)), .. failed]);
    }

    [TestMethod]
    public void Collect_MemTotalThatOverflowsBytes_FailsMemoryAloneNamingTheLine()
    {
        HardwareSnapshot s = Collect("raspberry-pi-4", root =>
        {
            string path = Path.Combine(root, "proc", "meminfo");
            File.WriteAllText(path, File.ReadAllText(path).Replace("MemTotal:       15666184 kB", "MemTotal:       18446744073709551615 kB", StringComparison.Ordinal));
        });

        Assert.IsNull(s.Memory);
        Assert.IsNull(s.Swap);
        Assert.IsNotNull(s.Cpu.UsagePercent);
        Assert.IsNotNull(s.LoadAverage);
        AssertOnlyFailed(s, "raspberry-pi-4", ("memory", "meminfo: line 1 \"MemTotal:       18446744073709551615 kB\": '18446744073709551615' overflows a 64-bit count"));
    }

    [TestMethod]
    public void Collect_OnlineListNamingBillionsOfCpus_FailsThatListAloneWithoutAllocatingThem()
    {
        HardwareSnapshot s = Collect("raspberry-pi-4", root => Write(root, "sys/devices/system/cpu/online", "0-2147483647\n"));

        Assert.HasCount(4, s.Cpu.Cores, "the present CPUs, from the present list and /proc/stat");
        Assert.AreEqual(35.0, s.Cpu.UsagePercent!.Value, 1e-9);
        AssertOnlyFailed(s, "raspberry-pi-4", ("cpu_online", "'0-2147483647' names CPU 2147483647, above the highest supported id 4095"));
    }

    [TestMethod]
    public void Collect_SingleHugeOnlineId_FailsThatListAlone()
    {
        HardwareSnapshot s = Collect("raspberry-pi-4", root => Write(root, "sys/devices/system/cpu/online", "2147483647\n"));

        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3 }, s.Cpu.Cores.Select(c => c.Id).ToArray());
        AssertOnlyFailed(s, "raspberry-pi-4", ("cpu_online", "above the highest supported id 4095"));
    }

    [TestMethod]
    public void Collect_NegativeLoadAverages_AreNullWithTheReason()
    {
        HardwareSnapshot s = Collect("raspberry-pi-4", root => Write(root, "proc/loadavg", "-1.00 -2.00 -3.00 1/497 11947\n"));

        Assert.IsNull(s.LoadAverage);
        AssertOnlyFailed(s, "raspberry-pi-4", ("loadavg", "1-minute average -1 is outside 0 to 4194304"));
    }

    [TestMethod]
    public void Collect_CpuIdThatWrapsAnInt_FailsTheCountersInsteadOfListingCpuMinusOne()
    {
        HardwareSnapshot s = Collect("x86-server", root =>
        {
            foreach (string stat in new[] { "proc/stat", "later/proc/stat" })
            {
                string path = Path.Combine(root, stat);
                File.WriteAllText(path, File.ReadAllText(path).Replace("\ncpu0 ", "\ncpu4294967295 ", StringComparison.Ordinal));
            }
        });

        Assert.IsNull(s.Cpu.UsagePercent);
        CollectionAssert.AreEqual(Enumerable.Range(0, 8).ToArray(), s.Cpu.Cores.Select(c => c.Id).ToArray(), "no core -1, none shifted");
        Assert.IsTrue(s.Cpu.Cores.All(c => c.UsagePercent is null));
        AssertOnlyFailed(s, "x86-server", ("cpu_times", "CPU id 4294967295 is above the highest supported id 4095"), ("cpu_usage", "no CPU counters"));
    }

    [TestMethod]
    public void Collect_VcgencmdWithNaNVoltsAndOverflowingMemory_NullsThoseWithReasons()
    {
        HardwareSnapshot s = Collect("raspberry-pi-4", root =>
        {
            Write(root, "vcgencmd/replies/measure_volts_core.txt", "volt=NaNV\n");
            Write(root, "vcgencmd/replies/get_mem_gpu.txt", "gpu=9999999999999999G\n");
            Write(root, "vcgencmd/replies/get_config_sdram_freq.txt", "sdram_freq=99999999999999\n");
        });

        Assert.IsNull(s.RaspberryPi!.CoreVolts);
        Assert.IsNull(s.RaspberryPi.GpuMemoryBytes);
        Assert.IsNull(s.RaspberryPi.SdramClockHz);
        Assert.AreEqual(250_000_000L, s.RaspberryPi.CoreClockHz, "the other vcgencmd values are still read");
        AssertOnlyFailed(
            s,
            "raspberry-pi-4",
            ("core_volts", "reply \"volt=NaNV\" is outside 0 to 6 V"),
            ("gpu_memory", "reply \"gpu=9999999999999999G\" is over 1099511627776 bytes"),
            ("sdram_clock", "99999999999999 MHz is outside 1 to 10000 MHz"));
    }

    [TestMethod]
    public void Collect_TegrastatsWithGpuLoadOver100AndNaNTemperature_RejectsThoseValuesWithReasons()
    {
        HardwareSnapshot s = Collect("jetson-orin-nano", root =>
        {
            string log = Path.Combine(root, "tegrastats", "orin_nano_jp6.1_root.log");
            File.WriteAllText(log, File.ReadAllText(log).Replace("GR3D_FREQ 63%", "GR3D_FREQ 999%", StringComparison.Ordinal).Replace("cpu@53.968C", "cpu@NaNC", StringComparison.Ordinal));
        });

        TegrastatsSample sample = s.Jetson!.Sample!;
        Assert.IsNull(sample.Gpu!.LoadPercent);
        Assert.AreEqual(621, sample.Gpu.FrequencyMhz, "the GPU's frequency is still read");
        Assert.IsNull(sample.Temperatures.Single(t => t.Name == "cpu").Celsius);
        Assert.AreEqual(53.343, sample.Temperatures.Single(t => t.Name == "gpu").Celsius);
        Assert.AreEqual("sysfs", s.Jetson.GpuLoadSource, "the GPU load falls back to sysfs, which is a real reading");
        AssertOnlyFailed(s, "jetson-orin-nano", ("tegrastats_values", "rejected: GR3D_FREQ: 999% is over 100%; cpu: NaN °C is outside -200 to 250 °C"));
    }

    [TestMethod]
    public void Collect_VmWithoutCpufreq_TakesEachCoresClockFromCpuinfo()
    {
        HardwareSnapshot s = Collect("x86-server", root =>
        {
            foreach (string cpufreq in Directory.EnumerateDirectories(Path.Combine(root, "sys", "devices", "system", "cpu"), "cpufreq", SearchOption.AllDirectories))
            {
                Directory.Delete(cpufreq, recursive: true);
            }
        });

        double[] cpuinfo = [.. File.ReadLines(Path.Combine(Fixtures.Board("x86-server"), "proc", "cpuinfo"))
            .Where(l => l.StartsWith("cpu MHz", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture))];
        Assert.HasCount(8, cpuinfo);
        CollectionAssert.AreEqual(cpuinfo, s.Cpu.Cores.Select(c => c.FrequencyMhz!.Value).ToArray());
        Assert.AreEqual(cpuinfo.Average(), s.Cpu.FrequencyMhz!.Value, 1e-9);
        Assert.IsTrue(s.Cpu.Cores.All(c => c.MaxFrequencyMhz is null));
        AssertOnlyFailed(s, "x86-server", ("cpufreq", "no cpufreq (scaling_cur_freq) for any online CPU"), ("cpufreq_max", "cpuinfo_max_freq: not found"));
        Assert.AreEqual(HardwareSnapshot.Ok, s.Sources["cpuinfo_mhz"]);
    }
}
