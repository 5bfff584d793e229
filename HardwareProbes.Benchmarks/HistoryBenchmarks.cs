using BenchmarkDotNet.Attributes;
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

    [GlobalSetup]
    public void Setup()
    {
        _store = Filled(60);
        _time = Start + 60;
        _fullHour = Filled(3600);
    }

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
