using System.Diagnostics;
using System.IO.Abstractions;
using HardwareProbes.Snapshots;
using HardwareProbes.Thermal;

namespace HardwareProbes.Tests.Snapshots;

[TestClass]
public sealed class BrokenTreeTests
{
    [TestMethod]
    public void Collect_BrokenTree_GivesNullsWithReasonsNamingFileAndLine()
    {
        string root = Fixtures.Board("broken");
        using var source = new LinuxSnapshotSource(new FileSystem(), Fixtures.OptionsFor(root, "/nonexistent/mount"), TimeProvider.System);

        HardwareSnapshot s = source.Collect();

        Assert.IsNull(s.Cpu.Times);
        Assert.IsNull(s.Cpu.UsagePercent);
        Assert.IsEmpty(s.Cpu.Cores);
        Assert.IsNull(s.LoadAverage);
        Assert.IsNull(s.UptimeSeconds);
        Assert.IsNull(s.DiskIo);
        Assert.IsEmpty(s.Filesystems);
        Assert.IsNull(s.NetworkInterfaces);
        Assert.IsNull(s.WirelessSignalDbm);
        Assert.IsNull(s.ActiveConnections);
        Assert.IsNull(s.UsbDevices);
        Assert.IsNull(s.Identity.Model);
        Assert.IsNull(s.Identity.CpuInfo);

        // meminfo without MemAvailable is not an error: available is estimated and flagged.
        Assert.IsTrue(s.Memory!.AvailableIsEstimated);
        Assert.AreEqual((80288L + 14576 + 9360 + 6144) * 1024, s.Memory.AvailableBytes);

        CollectionAssert.AreEqual(
            new[] { ("cpu-thermal", (double?)47.2), ("gpu-thermal", null), ("soc0-thermal", null), ("tj-thermal", null), ("hwmon0 temp1", null) },
            s.Temperatures.Select(t => (t.Name, t.Celsius)).ToArray());
        Assert.AreEqual(47.2, s.CpuTemperatureCelsius);

        // Cooling devices missing a file (procfs captures): cooling_device1 has no cur_state; cooling_device2 says -1 and has no max_state.
        CollectionAssert.AreEqual(
            new[]
            {
                new CoolingDeviceReading("TFN1", "cooling_device1", null, 50, $"{root}/sys/class/thermal/cooling_device1/cur_state: not found"),
                new CoolingDeviceReading("intel_powerclamp", "cooling_device2", null, null, $"{root}/sys/class/thermal/cooling_device2/max_state: not found"),
            },
            s.CoolingDevices.ToArray());

        string proc = Path.Combine(root, "proc");
        string sys = Path.Combine(root, "sys");
        SnapshotAssert.Sources(
            s,
            ("cpu_times", $"{proc}/stat: line 4 \"cpu2 46504 3\": 2 counters, at least 4 expected"),
            ("cpu_usage", "no CPU counters"),
            ("cpu_online", $"{sys}/devices/system/cpu/online: line 1 \"0-3,banana\": 'banana' is not a CPU or a CPU range"),
            ("cpu_present", $"{sys}/devices/system/cpu/present: not found"),
            ("cpufreq", "no cpufreq (scaling_cur_freq) for any online CPU"),
            ("cpuinfo", $"{proc}/cpuinfo: line 1 \"processor\t: zero\": 'zero' is not a processor number"),
            ("cpuinfo_mhz", $"{proc}/cpuinfo: line 1 \"processor\t: zero\": 'zero' is not a processor number"),
            ("model", $"{proc}/device-tree/model: empty"),
            ("serial", "serial-number: not found"),
            ("tegra_release", "nv_tegra_release: not found"),
            ("loadavg", $"{proc}/loadavg: line 1 \"0.02 zero 0.05 1/497 11947\": 'zero' is not a number"),
            ("uptime", $"{proc}/uptime: not found"),
            ("diskstats", $"{proc}/diskstats: not found"),
            ("disk:/nonexistent/mount", "/nonexistent/mount: not found"),
            ("net_dev", $"{proc}/net/dev: line 5 \"docker0:    2568      thirty-eight"),
            ("wireless", $"{proc}/net/wireless: not found"),
            ("tcp", $"{proc}/net/tcp: line 2 "),
            ("tcp6", $"{proc}/net/tcp6: not found"),
            ("usb", $"{sys}/bus/usb/devices: not found"),
            ("mounts", $"{proc}/mounts: not found"),
            ("cooling_devices", $"{sys}/class/thermal/cooling_device1/cur_state: not found"),
            ("temperature:thermal_zone1", "thermal_zone1/temp: reports -256 °C, a no-reading sentinel"),
            ("temperature:thermal_zone2", "thermal_zone2/temp: line 1 \"hot\": not an integer"),
            ("temperature:thermal_zone3", "thermal_zone3/temp: not found"),
            ("temperature:hwmon0/temp1", "hwmon0/temp1_input: reports 65261.85 °C, a no-reading sentinel"));
    }

    [TestMethod]
    public void Collect_ZoneWhoseReadBlocks_IsNullWithinTheTimeLimitAndDoesNotDelayOthers()
    {
        Assert.IsTrue(OperatingSystem.IsLinux(), "needs mkfifo");
        string root = Fixtures.CopyBoard("jetson-nano");
        string hung = Path.Combine(root, "sys", "class", "thermal", "thermal_zone1", "temp");
        File.Delete(hung);
        using (Process mkfifo = Process.Start("mkfifo", hung))
        {
            mkfifo.WaitForExit();
            Assert.AreEqual(0, mkfifo.ExitCode);
        }

        try
        {
            ProbeOptions options = Fixtures.OptionsFor(root);
            options.ReadTimeout = TimeSpan.FromMilliseconds(200);
            using var source = new LinuxSnapshotSource(new FileSystem(), options, TimeProvider.System);

            var clock = Stopwatch.StartNew();
            HardwareSnapshot first = source.Collect();
            TimeSpan firstTook = clock.Elapsed;
            clock.Restart();
            HardwareSnapshot second = source.Collect();
            TimeSpan secondTook = clock.Elapsed;

            TemperatureReading cpu = first.Temperatures.Single(t => t.Name == "CPU-therm");
            Assert.IsNull(cpu.Celsius);
            Assert.AreEqual($"{hung}: no answer within 200 ms", cpu.Failure);
            Assert.AreEqual(31.0, first.Temperatures[0].Celsius);
            Assert.AreEqual(26.5, first.Temperatures[2].Celsius);
            Assert.IsNull(first.CpuTemperatureCelsius, "another zone's value must not stand in for the hung CPU zone");
            Assert.IsNotNull(first.Memory);

            // The parked read is not repeated: the next snapshot says so at once instead of waiting again.
            Assert.AreEqual($"{hung}: still blocked since an earlier read timed out", second.Temperatures[1].Failure);

            // Bounds that show the deadline works, loose enough for a loaded CI machine: not performance assertions.
            Assert.IsLessThan(TimeSpan.FromSeconds(5), firstTook);
            Assert.IsLessThan(TimeSpan.FromSeconds(2), secondTook);
        }
        finally
        {
            // Release the parked reader: a writer opening and closing the FIFO ends its read with EOF.
            using (new FileStream(hung, FileMode.Open, FileAccess.Write))
            {
            }

            Directory.Delete(root, recursive: true);
        }
    }
}
