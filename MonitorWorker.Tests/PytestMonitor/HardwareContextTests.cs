using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using HardwareProbes;
using HardwareProbes.Snapshots;
using MonitorWorker.History;
using MonitorWorker.PytestMonitor;

namespace MonitorWorker.Tests.PytestMonitor;

/// <summary>
/// What each stored test metric carries about the hardware, and the machine context: on copies of the Raspberry Pi 4
/// fixture tree, with a throttling event written into its firmware file during one test's window.
/// </summary>
[TestClass]
public sealed class HardwareContextTests
{
    private static ProbeOptions Probes(FixtureTree tree)
        => new() { ProcPath = Path.Combine(tree.Root, "proc"), SysPath = Path.Combine(tree.Root, "sys"), DiskPaths = [] };

    private static string ThrottledFile(FixtureTree tree)
        => Path.Combine(tree.Root, "sys", "devices", "platform", "soc", "soc-firmware", "get_throttled");

    [TestMethod]
    public async Task ThrottlingDuringATestsWindow_IsStoredWithThatTest_AndNotWithTheTestsBeforeAndAfter()
    {
        using FixtureTree tree = FixtureTree.Copy("raspberry-pi-4");
        using var source = new LinuxSnapshotSource(Probes(tree));
        string folder = Path.Combine(Path.GetTempPath(), "pi-stat-pytest-" + Guid.NewGuid().ToString("N"));
        using var idle = new HookedSource();
        idle.Gate.Reset(); // the service's own sampler takes nothing: the history holds only the samples below
        try
        {
            // One sample a second, the per-sample tier's step (the gate above holds the service's own sampler).
            await using InProcessHost host = await InProcessHost.StartAsync(idle, o => (o.Data.DataPath, o.Sampling.SampleSeconds, o.History.MaxMegabytes) = (folder, 1, 0)); // the database alone in the folder
            HistoryRecorder recorder = host.Service<HistoryRecorder>();

            // 60 samples a second apart, ending 10 s ago; the firmware reports under-voltage and throttling (0x50005)
            // from second 20 to second 29, its fixture value (0x50000: both happened since boot, neither now) otherwise.
            DateTimeOffset t0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 70);
            source.Collect();
            for (int i = 0; i < 60; i++)
            {
                await File.WriteAllTextAsync(ThrottledFile(tree), i is >= 20 and < 30 ? "50005\n" : "50000\n");
                tree.AdvanceCpuCounters();
                HardwareSnapshot snapshot = source.Collect();
                Assert.AreEqual(i is >= 20 and < 30, snapshot.RaspberryPi!.Throttle!.Throttled, $"sample {i}");
                recorder.Record(snapshot with { Timestamp = t0.AddSeconds(i) });
            }

            Assert.AreEqual(HttpStatusCode.Created, (await host.Http.PostAsync("api/v1/contexts/", Json(PytestMonitorTests.Context("pi4")))).StatusCode);
            Assert.AreEqual(HttpStatusCode.Created, (await host.Http.PostAsync("api/v1/sessions/", Json(PytestMonitorTests.Session("run")))).StatusCode);

            // pytest-monitor writes the start in the local time of the machine, without an offset.
            string Local(int second) => t0.AddSeconds(second).ToLocalTime().ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture);
            JsonElement before = await PostMetricAsync(host, "test_before", Local(5), 8);
            JsonElement during = await PostMetricAsync(host, "test_during", Local(18), 6.5);
            JsonElement after = await PostMetricAsync(host, "test_after", Local(40), 5);
            JsonElement stored = global::MonitorWorker.Tests.Json.Parse(await host.Http.GetStringAsync("api/v1/sessions/run/metrics/"));

            Assert.AreEqual(false, before.Flag("hardware.throttled"), before.GetRawText());
            Assert.AreEqual(false, before.Flag("hardware.under_voltage"));
            Assert.AreEqual(true, during.Flag("hardware.throttled"), during.GetRawText());
            Assert.AreEqual(true, during.Flag("hardware.under_voltage"));
            Assert.AreEqual(false, after.Flag("hardware.throttled"), after.GetRawText());
            Assert.AreEqual(9.0, before.Number("hardware.samples"), "seconds 5 to 13, the end's sample included");
            Assert.AreEqual(8.0, during.Number("hardware.samples"), "seconds 18 to 24 and the sample after 24.5");
            Assert.AreEqual(1.0, during.Number("hardware.resolution_seconds"));
            Assert.IsTrue(during.Number("hardware.max_cpu_temperature_c") is > 20 and < 90, during.GetRawText());
            Assert.IsTrue(during.Number("hardware.mean_cpu_frequency_mhz") is > 500 and <= 1800, during.GetRawText());
            Assert.IsTrue(during.IsNull("hardware.mean_power_mw"), "a Pi has no power rails");
            CollectionAssert.AreEqual(
                new bool?[] { false, true, false },
                stored.At("metrics").EnumerateArray().Select(m => m.Flag("hardware.throttled")).ToArray(),
                "as stored, read back");
        }
        finally
        {
            idle.Gate.Set();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [TestMethod]
    public void MachineContext_SameHashAtDifferentCurrentFrequencies_AnotherWhenTheMaximumDiffers()
    {
        using FixtureTree tree = FixtureTree.Copy("raspberry-pi-4");
        using var source = new LinuxSnapshotSource(Probes(tree));
        string cpufreq = Path.Combine(tree.Root, "sys", "devices", "system", "cpu");

        SetAll(cpufreq, "scaling_cur_freq", "600000");
        MachineContext slow = MachineContext.From(source.Collect(), "pi-garage", "6.6.51+rpt-rpi-v8", "pi-stat 0.1.0 on .NET 10.0.0");
        SetAll(cpufreq, "scaling_cur_freq", "1800000");
        HardwareSnapshot fastSnapshot = source.Collect();
        MachineContext fast = MachineContext.From(fastSnapshot, "pi-garage", "6.6.51+rpt-rpi-v8", "pi-stat 0.1.0 on .NET 10.0.0");
        SetAll(cpufreq, "cpuinfo_max_freq", "2000000"); // an overclock in config.txt, read at the next start
        using var restarted = new LinuxSnapshotSource(Probes(tree));
        MachineContext overclocked = MachineContext.From(restarted.Collect(), "pi-garage", "6.6.51+rpt-rpi-v8", "pi-stat 0.1.0 on .NET 10.0.0");

        Assert.AreEqual(1800.0, fastSnapshot.Cpu.Cores[0].FrequencyMhz, "the current frequency did change");
        Assert.AreEqual(slow.H, fast.H);
        Assert.AreEqual(slow, fast);
        Assert.AreEqual(1800, fast.CpuFrequency, "the nominal maximum, cpuinfo_max_freq");
        Assert.AreEqual(4, fast.CpuCount);
        Assert.AreEqual("Linux - 6.6.51+rpt-rpi-v8", fast.SystemInfo);
        Assert.AreEqual(32, fast.H.Length);
        Assert.IsTrue(fast.H.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')));
        Assert.AreEqual(2000, overclocked.CpuFrequency);
        Assert.AreNotEqual(fast.H, overclocked.H);
        Assert.AreEqual(
            MachineContext.Hash(fast.CpuCount, fast.CpuFrequency, fast.CpuType, fast.CpuVendor, fast.RamTotal, fast.MachineNode, fast.MachineType, fast.MachineArch, fast.SystemInfo, fast.RuntimeInfo),
            fast.H,
            "h is the documented hash of the other fields");
    }

    [TestMethod]
    public async Task ContextEndpoint_GivesTheSameHashOnTwoRunsOfTheService()
    {
        string? first = null;
        for (int run = 0; run < 2; run++)
        {
            await using InProcessHost host = await InProcessHost.StartAsync(new HookedSource());
            await host.WaitForFirstSnapshotAsync();
            JsonElement context = global::MonitorWorker.Tests.Json.Parse(await host.Http.GetStringAsync("api/v1/context"));
            Assert.AreEqual(Environment.ProcessorCount >= 1, context.Number("cpu_count") >= 1);
            Assert.AreEqual(MachineContext.MachineName(), context.Text("machine_type"));
            Assert.IsNotNull(context.Text("runtime_info"));
            first ??= context.Text("h");
            Assert.AreEqual(first, context.Text("h"), $"run {run + 1}");
        }
    }

    private static void SetAll(string cpu, string file, string value)
    {
        foreach (string path in Directory.GetFiles(cpu, file, SearchOption.AllDirectories))
        {
            File.WriteAllText(path, value + "\n");
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> PostMetricAsync(InProcessHost host, string item, string start, double seconds)
    {
        using HttpResponseMessage response = await host.Http.PostAsync("api/v1/metrics/", Json(PytestMonitorTests.Metric("run", "pi4", item, start, seconds)));
        string body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, body);
        return global::MonitorWorker.Tests.Json.Parse(body);
    }
}
