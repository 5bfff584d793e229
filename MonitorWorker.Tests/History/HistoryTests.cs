using HardwareProbes.Cpu;
using HardwareProbes.Identity;
using HardwareProbes.Jetson;
using HardwareProbes.Memory;
using HardwareProbes.Network;
using HardwareProbes.RaspberryPi;
using HardwareProbes.Snapshots;
using HardwareProbes.Storage;
using HardwareProbes.Thermal;
using Microsoft.Extensions.Time.Testing;
using MonitorWorker.History;

namespace MonitorWorker.Tests.History;

[TestClass]
public sealed class HistoryTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static HardwareSnapshot Snapshot(DateTimeOffset at, double cpu, params (string Name, ulong Rx, ulong Tx)[] interfaces) => new()
    {
        Timestamp = at,
        Identity = new DeviceIdentity(BoardKind.Linux, "test", null, null, null, null, null),
        Cpu = new CpuReading(cpu, null, [new CpuCore(0, true, cpu, 1500, 1800), new CpuCore(1, true, cpu / 2, 600, 1800)], null),
        Temperatures = [new TemperatureReading("cpu-thermal", "thermal_zone0", 40 + cpu / 10, null)],
        Memory = new MemoryReading(8L << 30, 6L << 30, 2L << 30, 5L << 30, 0, 0, 25, true),
        NetworkInterfaces = [.. interfaces.Select(i => new InterfaceCounters(i.Name, i.Rx, 0, 0, 0, i.Tx, 0, 0, 0))],
        Sources = new Dictionary<string, string>(),
    };

    [TestMethod]
    public void AMinutePoint_IsTheMinimumAverageAndMaximumOfItsSixtySamples()
    {
        var time = new FakeTimeProvider(Midnight);
        var store = new HistoryStore(3600);
        var recorder = new Rated(new HistoryRecorder(store));
        double[] cpu = [.. Enumerable.Range(0, 60).Select(i => (i * 37 % 100) + 0.25)];
        foreach (double value in cpu)
        {
            recorder.Record(Snapshot(time.GetUtcNow(), value));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        int series = store.Names.ToList().IndexOf("cpu.usage");
        Assert.AreEqual(1, store.Minutes.Count, "the minute in progress is readable");
        Assert.AreEqual((float)cpu.Take(30).Max(), ValueAfter(30).Max, "part way through, the slot holds the samples so far");

        recorder.Record(Snapshot(time.GetUtcNow(), 50)); // the next minute begins

        Assert.AreEqual(2, store.Minutes.Count);
        Assert.AreEqual(Midnight.ToUnixTimeSeconds(), store.Minutes.TimeAt(0));
        (float avg, float min, float max) = store.Minutes.ValueAt(series, 0);
        Assert.AreEqual(cpu.Average(), avg, 1e-4);
        Assert.AreEqual(cpu.Min(), min, 1e-6);
        Assert.AreEqual(cpu.Max(), max, 1e-6);
        Assert.AreEqual(61, store.Samples.Count);
        Assert.AreEqual((float)cpu[17], store.Samples.ValueAt(series, 17).Average);
    }

    /// <summary>The minute slot of a fresh store after the first <paramref name="samples"/> of the test's sixty.</summary>
    private static (float Average, float Minimum, float Max) ValueAfter(int samples)
    {
        var store = new HistoryStore(3600);
        var recorder = new Rated(new HistoryRecorder(store));
        for (int i = 0; i < samples; i++)
        {
            recorder.Record(Snapshot(Midnight.AddSeconds(i), (i * 37 % 100) + 0.25));
        }

        return store.Minutes.ValueAt(store.Names.ToList().IndexOf("cpu.usage"), 0);
    }

    [TestMethod]
    public void AFullTier_KeepsTheNewestSlots()
    {
        var store = new HistoryStore(10);
        int series = store.SeriesFor("x");
        float[] values = new float[HistoryStore.MaxSeries];
        for (int t = 0; t < 25; t++)
        {
            values[series] = t;
            store.Append(1_000 + t, values);
        }

        Assert.AreEqual(10, store.Samples.Count);
        Assert.AreEqual(1_015, store.Samples.OldestTime);
        Assert.AreEqual(1_024, store.Samples.NewestTime);
        CollectionAssert.AreEqual(Enumerable.Range(15, 10).Select(v => (float)v).ToArray(), Enumerable.Range(0, 10).Select(age => store.Samples.ValueAt(series, age).Average).ToArray());
    }

    [TestMethod]
    public void ACounterThatGoesBackwards_IsAGap_NotANegativeRate()
    {
        var store = new HistoryStore(60);
        var recorder = new Rated(new HistoryRecorder(store));
        recorder.Record(Snapshot(Midnight, 1, ("eth0", 1_000, 0)));
        recorder.Record(Snapshot(Midnight.AddSeconds(1), 1, ("eth0", 3_000, 0)));
        recorder.Record(Snapshot(Midnight.AddSeconds(2), 1, ("eth0", 500, 0)));   // the interface was re-created
        recorder.Record(Snapshot(Midnight.AddSeconds(4), 1, ("eth0", 1_500, 0)));

        int rx = store.Names.ToList().IndexOf("net.eth0.rx_bytes_per_s");
        float[] rates = [.. Enumerable.Range(0, 4).Select(age => store.Samples.ValueAt(rx, age).Average)];
        Assert.IsTrue(float.IsNaN(rates[0]), "no rate before a second reading");
        Assert.AreEqual(2_000f, rates[1]);
        Assert.IsTrue(float.IsNaN(rates[2]), "a reset is a gap");
        Assert.AreEqual(500f, rates[3], "1,000 bytes over 2 s");
    }

    [TestMethod]
    public void AnInterfaceThatAppearsLater_GetsASeriesFromThen()
    {
        var store = new HistoryStore(60);
        var recorder = new Rated(new HistoryRecorder(store));
        recorder.Record(Snapshot(Midnight, 1, ("eth0", 0, 0)));
        recorder.Record(Snapshot(Midnight.AddSeconds(1), 1, ("eth0", 10, 10), ("wlan0", 0, 0)));
        recorder.Record(Snapshot(Midnight.AddSeconds(2), 1, ("eth0", 20, 20), ("wlan0", 100, 300)));

        int wlan = store.Names.ToList().IndexOf("net.wlan0.tx_bytes_per_s");
        Assert.IsGreaterThanOrEqualTo(0, wlan);
        Assert.IsTrue(float.IsNaN(store.Samples.ValueAt(wlan, 0).Average), "before it existed");
        Assert.AreEqual(300f, store.Samples.ValueAt(wlan, 2).Average);
    }

    [TestMethod]
    public void AWeekOfSamples_AllocatesNothing_AndKeepsEveryTierBounded()
    {
        string line = File.ReadLines(Path.Combine(Paths.Board("jetson-orin-nano"), "tegrastats", "orin_nano_jp6.1_root.log")).First();
        var jetson = new JetsonReading(TegrastatsLine.Parse(line), 0.2, TegrastatsStatus.Running, 0, null, 63, 621, "tegrastats", "tegrastats");
        var pi = new RaspberryPiReading(new ThrottleState(0x50005), true, 0.8563, 1_500_000_000, 500_000_000, null, 3_200_000_000, null, null);
        var rated = new Rated(null);
        HardwareSnapshot[] snapshots = [.. Enumerable.Range(0, 1000).Select(i => rated.Next(Snapshot(Midnight.AddSeconds(i), i % 100, ("eth0", (ulong)i * 100, (ulong)i * 50)) with
        {
            // every kind of series, so that none of the recorder's paths allocates per sample
            DiskIo = new DiskIoCounters((ulong)i, (ulong)i, (ulong)i * 512, (ulong)i * 512, ["sda"]),
            Filesystems = [new FilesystemUsage("/", 100, i % 100, 100 - (i % 100), i % 100)],
            WirelessSignalDbm = new Dictionary<string, int> { ["wlan0"] = -50 - (i % 20) },
            RaspberryPi = pi,
            Jetson = jetson,
        }))];

        // A whole first week on a store of its own: what the runtime does once (tiering the loops) happens there. The
        // runtime can still allocate on this thread now and then for its own reasons (a few KB, once, seen only in a
        // full run), so up to three weeks are measured on fresh stores and the least is asserted. Code that allocates
        // per sample allocates in every one of them: over 600,000 samples, megabytes each time.
        _ = AWeek(new HistoryStore(3600));
        var store = new HistoryStore(3600);
        List<long> weeks = [AWeek(store)];
        while (weeks[^1] != 0 && weeks.Count < 3)
        {
            store = new HistoryStore(3600);
            weeks.Add(AWeek(store));
        }

        Assert.AreEqual(0, weeks.Min(), $"bytes allocated by a week of samples, in each week measured: {string.Join(", ", weeks)}");
        Assert.AreEqual(3600, store.Samples.Count);
        Assert.AreEqual(24 * 60, store.Minutes.Count);
        Assert.AreEqual(7 * 24 * 4, store.QuarterHours.Count);

        // The bytes this thread allocates recording the snapshots and then a week of one-second samples.
        long AWeek(HistoryStore into)
        {
            var recorder = new HistoryRecorder(into);
            recorder.Record(snapshots[0]); // every series is seen once (the rates from the second snapshot on)
            recorder.Record(snapshots[1]);
            float[] values = new float[HistoryStore.MaxSeries];
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 2; i < snapshots.Length; i++)
            {
                recorder.Record(snapshots[i]);
            }

            long start = Midnight.ToUnixTimeSeconds() + snapshots.Length;
            for (long t = start; t < start + (7 * 24 * 3600); t++)
            {
                values[0] = t % 100;
                into.Append(t, values);
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    [TestMethod]
    public void DiskCountersAndPackets_BecomeRates_AndMountsAndWifiTheirOwnSeries()
    {
        var store = new HistoryStore(60);
        var recorder = new Rated(new HistoryRecorder(store));
        HardwareSnapshot At(int second, ulong reads, ulong readBytes, ulong packets) => Snapshot(Midnight.AddSeconds(second), 10) with
        {
            DiskIo = new DiskIoCounters(reads, 7, readBytes, 4096, ["mmcblk0"]),
            Filesystems = [new FilesystemUsage("/", 100, 42, 58, 42.0), new FilesystemUsage("/boot/firmware", 100, 20, 80, 20.0)],
            WirelessSignalDbm = new Dictionary<string, int> { ["wlan0"] = -59 },
            NetworkInterfaces = [new InterfaceCounters("eth0", 0, packets, 0, 0, 0, packets / 2, 0, 0)],
        };

        recorder.Record(At(0, 100, 1_000_000, 10));
        recorder.Record(At(2, 140, 1_524_288, 210));
        recorder.Record(At(3, 20, 1_000, 200)); // every counter reset at once

        Assert.AreEqual(20f, Value(store, "disk.reads_per_s", 1));
        Assert.AreEqual(262_144f, Value(store, "disk.read_bytes_per_s", 1));
        Assert.AreEqual(0f, Value(store, "disk.write_bytes_per_s", 1), "an unchanged counter is a zero rate");
        Assert.AreEqual(100f, Value(store, "net.eth0.rx_packets_per_s", 1));
        Assert.AreEqual(50f, Value(store, "net.eth0.tx_packets_per_s", 1));
        Assert.IsTrue(float.IsNaN(Value(store, "disk.reads_per_s", 2)), "a reset is a gap");
        Assert.IsTrue(float.IsNaN(Value(store, "net.eth0.rx_packets_per_s", 2)), "a reset is a gap");
        Assert.AreEqual(42f, Value(store, "fs./.used_percent", 0));
        Assert.AreEqual(20f, Value(store, "fs./boot/firmware.used_percent", 0));
        Assert.AreEqual(-59f, Value(store, "wifi.wlan0.dbm", 0));
        Assert.AreEqual("dBm", HistoryReader.Unit("wifi.wlan0.dbm"));
        Assert.AreEqual("1/s", HistoryReader.Unit("disk.reads_per_s"));
        Assert.AreEqual("B/s", HistoryReader.Unit("disk.read_bytes_per_s"));
    }

    [TestMethod]
    public void ARaspberryPi_RecordsVoltsClocksAndEachLiveConditionAsZeroOrOne()
    {
        var store = new HistoryStore(60);
        var recorder = new Rated(new HistoryRecorder(store));
        HardwareSnapshot plain = Snapshot(Midnight, 10);
        Assert.IsFalse(RecordAndList(recorder, store, plain).Any(n => n.StartsWith("pi.", StringComparison.Ordinal)), "no Pi series on another board");

        // 0x50005: under-voltage and throttled now, and both have occurred.
        var pi = new RaspberryPiReading(new ThrottleState(0x50005), true, 0.8563, 1_500_000_000, 500_000_000, null, 3_200_000_000, null, null);
        recorder.Record(Snapshot(Midnight.AddSeconds(1), 10) with { RaspberryPi = pi });

        Assert.AreEqual(0.8563f, Value(store, "pi.core.volts", 1));
        Assert.AreEqual(1500f, Value(store, "pi.arm.freq", 1));
        Assert.AreEqual(500f, Value(store, "pi.core.freq", 1));
        Assert.AreEqual(3200f, Value(store, "pi.sdram.freq", 1));
        Assert.AreEqual(1f, Value(store, "pi.under_voltage", 1));
        Assert.AreEqual(1f, Value(store, "pi.throttled", 1));
        Assert.AreEqual(0f, Value(store, "pi.freq_capped", 1));
        Assert.AreEqual(0f, Value(store, "pi.soft_temp_limit", 1));
        Assert.AreEqual("V", HistoryReader.Unit("pi.core.volts"));
        Assert.AreEqual("MHz", HistoryReader.Unit("pi.arm.freq"));
    }

    [TestMethod]
    public void AJetson_RecordsGpuEmcEnginesEveryRailInWattsAndTheInputRailAsTotal()
    {
        var store = new HistoryStore(60);
        var recorder = new Rated(new HistoryRecorder(store));
        string line = File.ReadLines(Path.Combine(Paths.Board("jetson-orin-nano"), "tegrastats", "orin_nano_jp6.1_root.log")).First();
        TegrastatsSample sample = TegrastatsLine.Parse(line);
        var jetson = new JetsonReading(sample, 0.2, TegrastatsStatus.Running, 0, null, 63, 621, "tegrastats", "tegrastats");

        recorder.Record(Snapshot(Midnight, 10) with { Jetson = jetson });

        Assert.AreEqual(63f, Value(store, "gpu.load", 0));
        Assert.AreEqual(621f, Value(store, "gpu.freq", 0));
        Assert.AreEqual(43f, Value(store, "emc.load", 0));
        Assert.AreEqual(2133f, Value(store, "emc.freq", 0));
        Assert.AreEqual(0f, Value(store, "engine.NVDEC.load", 0), "an engine that is off is idle");
        Assert.AreEqual(200f, Value(store, "engine.APE.freq", 0));
        Assert.AreEqual(12.479f, Value(store, "power.VDD_IN", 0), 1e-4);
        Assert.AreEqual(4.667f, Value(store, "power.VDD_CPU_GPU_CV", 0), 1e-4);
        Assert.AreEqual(2.817f, Value(store, "power.VDD_SOC", 0), 1e-4);
        Assert.AreEqual(12.479f, Value(store, "power.total", 0), 1e-4, "the input rail is the board's whole draw");
        Assert.AreEqual("W", HistoryReader.Unit("power.total"));
        Assert.AreEqual("%", HistoryReader.Unit("gpu.load"));
    }

    private static IReadOnlyList<string> RecordAndList(Rated recorder, HistoryStore store, HardwareSnapshot snapshot)
    {
        recorder.Record(snapshot);
        return store.Names;
    }

    /// <summary>A series' value in the <paramref name="slot"/>-th oldest sample.</summary>
    private static float Value(HistoryStore store, string name, int slot)
    {
        int series = store.Names.ToList().IndexOf(name);
        Assert.IsGreaterThanOrEqualTo(0, series, $"{name} is a series: {string.Join(", ", store.Names)}");
        return store.Samples.ValueAt(series, slot).Average;
    }

    [TestMethod]
    public void EachSeriesCosts_AFixedNumberOfBytes()
    {
        var store = new HistoryStore(3600);

        // 3600 × 4 + 1440 × 12 + 672 × 12 for the tiers; 2 × 20 for the two open coarse slots (a double sum, an int count, a float minimum and maximum).
        Assert.AreEqual((3600 * 4) + (1440 * 12) + (672 * 12) + 40, store.BytesPerSeries);
    }

    /// <summary>
    /// Gives each snapshot the rates its source would: counters' growth over the seconds since the previous snapshot,
    /// null where a counter went backwards; then records it.
    /// </summary>
    private sealed class Rated(HistoryRecorder? recorder)
    {
        private HardwareSnapshot? _before;

        public void Record(HardwareSnapshot snapshot) => recorder!.Record(Next(snapshot));

        public HardwareSnapshot Next(HardwareSnapshot snapshot)
        {
            HardwareSnapshot? before = _before;
            _before = snapshot;
            double seconds = before is null ? 0 : (snapshot.Timestamp - before.Timestamp).TotalSeconds;
            if (before is null || seconds <= 0)
            {
                return snapshot;
            }

            static double? Rate(ulong from, ulong to, double seconds) => to >= from ? (to - from) / seconds : null;
            return snapshot with
            {
                NetworkRates = snapshot.NetworkInterfaces is null || before.NetworkInterfaces is null ? null : [.. snapshot.NetworkInterfaces
                    .Select(now => (Now: now, Then: before.NetworkInterfaces.Where(b => b.Name == now.Name).Select(b => (InterfaceCounters?)b).FirstOrDefault()))
                    .Where(p => p.Then is not null)
                    .Select(p => new InterfaceRate(p.Now.Name, Rate(p.Then!.Value.BytesReceived, p.Now.BytesReceived, seconds), Rate(p.Then.Value.BytesSent, p.Now.BytesSent, seconds),
                        Rate(p.Then.Value.PacketsReceived, p.Now.PacketsReceived, seconds), Rate(p.Then.Value.PacketsSent, p.Now.PacketsSent, seconds)))],
                DiskRates = snapshot.DiskIo is not { } io || before.DiskIo is not { } was ? null : new DiskIoRate(
                    Rate(was.ReadBytes, io.ReadBytes, seconds), Rate(was.WriteBytes, io.WriteBytes, seconds), Rate(was.ReadCount, io.ReadCount, seconds), Rate(was.WriteCount, io.WriteCount, seconds)),
            };
        }
    }
}
