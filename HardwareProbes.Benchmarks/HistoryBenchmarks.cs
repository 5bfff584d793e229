using BenchmarkDotNet.Attributes;
using HardwareProbes.Jetson;
using HardwareProbes.Snapshots;
using MonitorWorker.Events;
using MonitorWorker.History;

namespace HardwareProbes.Benchmarks;

/// <summary>The service's history: one sample appended to every tier, and an hour of every series answered.</summary>
[MemoryDiagnoser]
public class HistoryBenchmarks
{
    private const int Series = 60;
    private const long Start = 1_800_000_000;
    private readonly float[] _values = new float[HistoryStore.MaxSeries];
    private HistoryStore? _store;
    private HistoryStore? _fullHour;
    private long _time = Start;
    private HardwareSnapshot? _jetson;
    private HistoryRecorder? _recorder;
    private EventRecorder? _events;

    [GlobalSetup]
    public void Setup()
    {
        _store = Filled(60);
        _time = Start + 60;
        _fullHour = Filled(3600);

        // A Jetson Orin Nano snapshot from its fixture tree, with the reading of its first tegrastats line: every kind
        // of series (cores, sensors, interfaces, disks, mounts, GPU, EMC, engines, rails).
        string root = Path.Combine(FixturePaths.Root, "jetson-orin-nano");
        using var source = new LinuxSnapshotSource(new ProbeOptions
        {
            ProcPath = Path.Combine(root, "proc"),
            SysPath = Path.Combine(root, "sys"),
            EtcPath = Path.Combine(root, "etc"),
            DiskPaths = ["/"],
        });
        source.Collect();
        TegrastatsSample line = TegrastatsLine.Parse(File.ReadLines(Path.Combine(root, "tegrastats", "orin_nano_jp6.1_root.log")).First());
        _jetson = source.Collect() with { Jetson = new JetsonReading(line, 0.2, TegrastatsStatus.Running, 0, null, 63, 621, "tegrastats", "tegrastats") };
        _recorder = new HistoryRecorder(new HistoryStore(3600));
        _recorder.Record(_jetson); // every series is seen once: the benchmark measures the steady state
        _events = new EventRecorder(new EventLog(), DateTimeOffset.UnixEpoch);
        _events.Record(_jetson);
    }

    /// <summary>One Jetson snapshot turned into its series (about 60) and appended to every tier, as each sample is.</summary>
    [Benchmark]
    public void RecordSnapshot() => _recorder!.Record(_jetson!);

    /// <summary>One Jetson snapshot compared with the one before for events, as each sample is.</summary>
    [Benchmark]
    public void CompareForEvents() => _events!.Record(_jetson!);

    /// <summary>One sample of 60 series into the per-sample, 1-minute and 15-minute tiers.</summary>
    [Benchmark]
    public void Append() => _store!.Append(_time++, _values);

    /// <summary>An hour of all 60 series at 1 s (3,600 points each), as <c>/api/history</c> builds it before serialising.</summary>
    [Benchmark]
    public HistoryResponse AnswerOneHourOfEverySeries()
        => HistoryReader.Answer(_fullHour!, new HistoryQuery(["*"], Start, Start + 3599, null, 1, false), "/api/history");

    private HistoryStore Filled(int seconds)
    {
        var store = new HistoryStore(seconds);
        for (int s = 0; s < Series; s++)
        {
            store.SeriesFor($"series{s}");
            _values[s] = s;
        }

        for (long t = Start; t < Start + seconds; t++)
        {
            store.Append(t, _values);
        }

        return store;
    }
}
