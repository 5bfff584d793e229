using System.Diagnostics.Metrics;
using System.IO.Abstractions;
using HardwareProbes.Jetson;
using HardwareProbes.Metrics;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Tests.Metrics;

[TestClass]
public sealed class HardwareMetricsTests
{
    private static HardwareSnapshot Collect(string board)
    {
        using var source = new LinuxSnapshotSource(new FileSystem(), Fixtures.OptionsWithToolsFor(board, Fixtures.Board(board), "/"), TimeProvider.System);
        return source.Collect();
    }

    /// <summary>Every measurement the instruments report for <paramref name="snapshot"/>: (instrument, tags as k=v joined by ',') → value.</summary>
    private static Dictionary<(string Instrument, string Tags), double> Observe(HardwareSnapshot? snapshot)
    {
        using var metrics = new HardwareMetrics(() => snapshot);
        var seen = new Dictionary<(string, string), double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            seen[(instrument.Name, string.Join(',', tags.ToArray().Select(t => $"{t.Key}={t.Value}")))] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }

    [TestMethod]
    public void RaspberryPi4_ReportsBaseUnitsWithLabels()
    {
        Dictionary<(string Instrument, string Tags), double> m = Observe(Collect("raspberry-pi-4"));

        Assert.AreEqual(15666184.0 * 1024, m[("hardware.memory.total", "")]);
        Assert.AreEqual(471007232.0, m[("hardware.memory.used", "")]);
        Assert.AreEqual(49.925, m[("hardware.temperature", "zone=cpu-thermal")]);
        Assert.AreEqual(1.5e9, m[("hardware.cpu.frequency", "cpu=0")]);
        Assert.AreEqual(6e8, m[("hardware.cpu.frequency", "cpu=2")]);
        Assert.AreEqual(444.9, m[("hardware.cpu.time", "cpu=0,mode=user")], 1e-9);
        Assert.AreEqual(2.2, m[("hardware.cpu.time", "cpu=0,mode=iowait")], 1e-9);
        CollectionAssert.AreEqual(
            new[] { "user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal" },
            m.Keys.Where(k => k.Instrument == "hardware.cpu.time" && k.Tags.StartsWith("cpu=0,", StringComparison.Ordinal)).Select(k => k.Tags["cpu=0,mode=".Length..]).ToArray());
        CollectionAssert.AreEqual(new[] { "user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal" }, HardwareMetrics.CpuModes.ToArray());
        Assert.AreEqual(0.04, m[("hardware.load.average", "period=5m")]);
        Assert.AreEqual(874354587.0, m[("hardware.network.received", "device=eth0")]);
        Assert.AreEqual(1.2, m[("hardware.core.voltage", "")]);
        Assert.AreEqual(134217728.0, m[("hardware.gpu.memory", "")]);
        Assert.AreEqual(1.5e9, m[("hardware.clock.frequency", "clock=arm")]);
        Assert.AreEqual(1.0, m[("hardware.source.up", "source=memory,expected=true")]);
        Assert.AreEqual(1.0, m[("hardware.source.up", "source=vcgencmd,expected=true")], "vcgencmd is one a Pi should have");
        Assert.AreEqual(0.0, m[("hardware.source.up", "source=sdram_clock,expected=false")], "the fake vcgencmd answers get_config sdram_freq with an error");
        Assert.AreEqual(0.0, m[("hardware.source.up", "source=tegra_release,expected=false")], "a Pi has no nv_tegra_release, and that is no fault");
    }

    [TestMethod]
    [DataRow("raspberry-pi-4", new[] { 0.0, 0, 0, 0 }, new[] { 1.0, 0, 1, 0 }, DisplayName = "sysfs get_throttled 50000: under-voltage and throttling since boot")]
    [DataRow("raspberry-pi-5", new[] { 1.0, 0, 1, 0 }, new[] { 1.0, 0, 1, 0 }, DisplayName = "vcgencmd throttled=0x50005: both now and since boot")]
    public void RaspberryPi_DecodesEveryThrottleFlag(string board, double[] active, double[] occurred)
    {
        Dictionary<(string Instrument, string Tags), double> m = Observe(Collect(board));

        string[] flags = ["under_voltage", "freq_capped", "throttled", "soft_temp_limit"];
        CollectionAssert.AreEqual(active, flags.Select(f => m[("hardware.throttle.active", $"flag={f}")]).ToArray());
        CollectionAssert.AreEqual(occurred, flags.Select(f => m[("hardware.throttle.occurred", $"flag={f}")]).ToArray());
    }

    [TestMethod]
    public void JetsonRails_AreWattsAndRepeatedNamesAreKept()
    {
        TegrastatsSample sample = TegrastatsLine.Parse(Fixtures.Capture("tegrastats__agx_orin_64gb__jp5.1_or_6__root_bracket_uppercase.txt").Split('\n')[0]);
        HardwareSnapshot snapshot = Collect("jetson-orin-nano") with
        {
            Jetson = new JetsonReading(sample, 0.1, TegrastatsStatus.Running, 2, null, 63, 621, "tegrastats", "tegrastats"),
        };

        Dictionary<(string Instrument, string Tags), double> m = Observe(snapshot);

        Assert.AreEqual(sample.Rails[0].CurrentMilliwatts / 1000.0, m[("hardware.power", $"rail={sample.Rails[0].Name}")]);
        Assert.IsTrue(m.ContainsKey(("hardware.power", "rail=NC")) && m.ContainsKey(("hardware.power", "rail=NC_2")), "both rails named NC");
        Assert.AreEqual(0.63, m[("hardware.gpu.utilization", "")]);
        Assert.AreEqual(621e6, m[("hardware.gpu.frequency", "")]);
        Assert.AreEqual(2.0, m[("hardware.tegrastats.restarts", "")]);
        Assert.IsFalse(m.Keys.Any(k => k.Instrument == "hardware.power" && k.Tags.Contains("RAM", StringComparison.OrdinalIgnoreCase)), "RAM is not a rail");
    }

    [TestMethod]
    public void UnreadableValues_AreLeftOutNotReportedAsZero()
    {
        Dictionary<(string Instrument, string Tags), double> m = Observe(Collect("raspberry-pi-4"));

        Assert.IsFalse(m.ContainsKey(("hardware.cpu.utilization", "")), "one /proc/stat reading has no usage yet");
        Assert.IsFalse(m.Keys.Any(k => k.Instrument.StartsWith("hardware.gpu.utilization", StringComparison.Ordinal)), "a Pi has no Jetson GPU load");
        Assert.IsFalse(m.ContainsKey(("hardware.temperature", "zone=gpu-thermal")));
    }

    [TestMethod]
    [DynamicData(nameof(FixtureBoards.All), typeof(FixtureBoards))]
    public void Labels_DeclareEveryInstrumentAndTheTagKeysItsSeriesCarry(string board)
    {
        using var metrics = new HardwareMetrics(() => null);
        var published = new List<string>();
        using (var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter))
                {
                    published.Add(instrument.Name);
                }
            },
        })
        {
            listener.Start();
        }

        CollectionAssert.AreEquivalent(HardwareMetrics.Labels.Keys.ToArray(), published, "the table lists exactly the instruments created");

        Dictionary<(string Instrument, string Tags), double> m = Observe(Collect(board));
        Assert.IsGreaterThan(20, m.Count);
        foreach ((string instrument, string tags) in m.Keys)
        {
            string[] keys = tags.Length == 0 ? [] : [.. tags.Split(',').Select(t => t[..t.IndexOf('=', StringComparison.Ordinal)])];
            CollectionAssert.AreEqual(HardwareMetrics.Labels[instrument].ToArray(), keys, instrument);
        }
    }

    [TestMethod]
    public void BeforeTheFirstSnapshot_NothingIsReported()
    {
        Assert.IsEmpty(Observe(null));
    }
}
