using System.Text.Json;

namespace MonitorWorker.Tests.EndToEnd;

/// <summary>The worker on this machine's real /proc and /sys: every SPEC field is present, null only where the machine lacks the source.</summary>
[TestClass]
public sealed class ThisMachineTests
{
    /// <summary>Every /stats field of SPEC §5: piStat's, then the additions.</summary>
    private static readonly string[] Fields =
    [
        "cpu_temp", "cpu_freq", "cpu_usage", "per_cpu_usage", "memory.total", "memory.available", "memory.used", "memory.percent",
        "swap.total", "swap.used", "swap.free", "swap.percent", "disk.total", "disk.used", "disk.free", "disk.percent",
        "disk_io.read_count", "disk_io.write_count", "disk_io.read_bytes", "disk_io.write_bytes", "uptime", "load_avg", "timestamp",
        "gpu.temperature", "gpu.memory", "gpu.v3d_clock", "power.core_voltage", "power.under_voltage", "power.throttled", "power.freq_capped",
        "clocks.arm", "clocks.core", "clocks.sdram", "network.active_connections", "hardware.model", "hardware.serial", "hardware.firmware",
        "hardware.usb_devices", "board", "temperatures", "per_cpu_freq", "power.soft_temp_limit", "power.under_voltage_occurred",
        "power.freq_capped_occurred", "power.throttled_occurred", "power.soft_temp_limit_occurred", "power.rails", "gpu.load_percent",
        "gpu.freq_mhz", "disks", "sources", "sample_age_seconds",
    ];

    [TestMethod]
    public async Task Stats_HasEverySpecField_NullOnlyWhereTheSourceIsMissing()
    {
        await using WorkerProcess worker = WorkerProcess.Start(new Dictionary<string, string>());
        using HttpClient http = await worker.WaitUntilServingAsync("stats", body => Json.Parse(body).Number("cpu_usage") is not null);
        JsonElement s = Json.Parse(await http.GetStringAsync("stats"));

        foreach (string field in Fields)
        {
            s.At(field); // present, null or not
        }

        // This machine has /proc and /sys: everything procfs gives is a value.
        foreach (string field in new[] { "cpu_usage", "memory.total", "swap.total", "disk.total", "disk_io.read_count", "uptime", "load_avg", "network.active_connections" })
        {
            Assert.IsFalse(s.IsNull(field), field);
        }

        Assert.AreEqual("linux", s.Text("board"));
        Assert.AreEqual(Environment.ProcessorCount, s.Numbers("per_cpu_usage").Length);

        // Board-only fields are null on a generic host, with no made-up zeros.
        foreach (string field in new[] { "gpu.memory", "gpu.v3d_clock", "power.core_voltage", "power.throttled", "clocks.arm", "power.rails", "gpu.load_percent" })
        {
            Assert.IsTrue(s.IsNull(field), field);
        }

        // A value is null exactly when its source says why.
        if (s.IsNull("cpu_temp"))
        {
            Assert.AreNotEqual("ok", s.Text("sources.thermal"));
        }

        if (s.IsNull("cpu_freq"))
        {
            Assert.AreNotEqual("ok", s.Text("sources.cpufreq"));
        }
    }
}
