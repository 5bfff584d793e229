using System.Globalization;
using System.Text;

namespace MonitorWorker.History;

/// <summary>Answers a <see cref="HistoryQuery"/> from the <see cref="HistoryStore"/>: the tier, the points, the page.</summary>
public static class HistoryReader
{
    /// <summary>Points per page: an hour of 1-second samples.</summary>
    public const int PageSize = 3600;

    /// <summary>
    /// The tier to answer from. Without a step: the finest tier that reaches back to the range's start. With a step:
    /// the coarsest tier whose step is at most the one asked for and that reaches back (folding finer points into the
    /// same buckets gives the same figures from more to read). A tier reaches back its capacity × step before the newer
    /// of its newest slot and the range's end, or, with the history on disk, as far as its files are kept. When none
    /// reaches, the coarsest allowed, which reaches back furthest: a young agent's tier covers a range it has no older
    /// data for, and no coarser tier has that data either.
    /// </summary>
    public static HistoryTier Choose(HistoryStore store, HistoryQuery query, HistoryArchive? archive = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        HistoryTier[] tiers = [store.Samples, store.Minutes, store.QuarterHours];
        HistoryTier[] allowed = [.. tiers.Where(t => query.Step is not long step || (long)t.Step.TotalSeconds <= step)];
        if (allowed.Length == 0)
        {
            allowed = [store.Samples];
        }

        long Reach(HistoryTier t) => archive is null || t == store.Samples ? (long)t.Capacity * (long)t.Step.TotalSeconds
            : (long)(t == store.Minutes ? HistoryArchive.MinutesKept : HistoryArchive.QuarterHoursKept).TotalSeconds;
        bool Reaches(HistoryTier t) => Math.Max(t.NewestTime ?? query.End, query.End) - Reach(t) <= query.Start;
        return (query.Step is null ? allowed.FirstOrDefault(Reaches) : allowed.LastOrDefault(Reaches)) ?? allowed[^1];
    }

    /// <summary>
    /// Answers from the RAM tier and, when the history is on disk, from the tier's files where RAM has no slot: one
    /// series across both.
    /// </summary>
    public static HistoryResponse Answer(HistoryStore store, HistoryQuery query, string path, HistoryArchive? archive = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        HistoryTier tier = store.Read(s => Choose(s, query, archive));
        long tierStep = (long)tier.Step.TotalSeconds;
        long step = Math.Max(tierStep, query.Step ?? tierStep);
        HistoryArchive.Tier kind = tier == store.Samples ? HistoryArchive.Tier.Samples : tier == store.Minutes ? HistoryArchive.Tier.Minutes : HistoryArchive.Tier.QuarterHours;

        // First the buckets (a point per slot when the step is the tier's) and the series, then the page's figures. A
        // slot in RAM wins over a point on disk with its time; the disk fills the rest (earlier runs, and the points of
        // a run whose clock was set back).
        var ramTimes = new HashSet<long>();
        IReadOnlyList<string> ramNames = store.Read(s =>
        {
            for (int age = 0; age < tier.Count; age++)
            {
                long t = tier.TimeAt(age);
                if (t >= query.Start && t <= query.End)
                {
                    ramTimes.Add(t);
                }
            }

            return s.Names;
        });
        var buckets = new Buckets(query, step, ramTimes);
        foreach (long t in ramTimes)
        {
            buckets.Add(t);
        }

        archive?.Read(kind, query.Start, query.End, buckets);
        long[] times = buckets.Times();
        string[] names = [.. ramNames.Where(query.Wants).Union(buckets.DiskNames, StringComparer.Ordinal)];

        int totalPages = Math.Max(1, (times.Length + PageSize - 1) / PageSize);
        int page = Math.Min(query.Page, totalPages);
        int first = (page - 1) * PageSize;
        int count = Math.Max(0, Math.Min(PageSize, times.Length - first));
        long[] pageTimes = times[first..(first + count)];
        var figures = new Figures(names, pageTimes, step, ramTimes);
        if (count > 0)
        {
            long from = Math.Max(query.Start, pageTimes[0]);
            long to = Math.Min(query.End, pageTimes[^1] + step - 1);
            archive?.Read(kind, from, to, figures);
            int[] columns = [.. names.Select(n => IndexOf(ramNames, n))]; // a series' index never changes once it is kept
            store.Read(_ =>
            {
                for (int age = 0; age < tier.Count; age++)
                {
                    long t = tier.TimeAt(age);
                    if (t >= from && t <= to && ramTimes.Contains(t))
                    {
                        figures.AddRam(tier, age, t, columns);
                    }
                }

                return 0;
            });
        }

        bool ranged = tier.KeepsRange || step > tierStep;
        var series = new Dictionary<string, HistorySeries>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            series[names[i]] = figures.Series(i, Unit(names[i]), ranged);
        }

        string? Link(int p) => p < 1 || p > totalPages || p == page ? null : $"{path}?{Query(query, p)}";
        int kept = ramNames.Count;
        return new HistoryResponse(
            Label(tier),
            step,
            query.Start,
            query.End,
            pageTimes,
            series,
            page,
            totalPages,
            Link(page - 1),
            Link(page + 1),
            new HistoryMemory(kept, HistoryStore.MaxSeries, store.BytesPerSeries, store.BytesPerSeries * kept));
    }

    /// <summary>The same answer as CSV: a header of <c>timestamp</c> and each column, then one row per point; empty where no value.</summary>
    public static string Csv(HistoryResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = new StringBuilder("timestamp");
        foreach ((string name, HistorySeries s) in response.Series)
        {
            text.Append(',').Append(name).Append(".avg");
            if (s.Min is not null)
            {
                text.Append(',').Append(name).Append(".min,").Append(name).Append(".max");
            }
        }

        text.Append('\n');
        for (int i = 0; i < response.Timestamps.Length; i++)
        {
            text.Append(response.Timestamps[i].ToString(CultureInfo.InvariantCulture));
            foreach (HistorySeries s in response.Series.Values)
            {
                Cell(text, s.Avg[i]);
                if (s.Min is not null)
                {
                    Cell(text, s.Min[i]);
                    Cell(text, s.Max![i]);
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static void Cell(StringBuilder text, float? value)
    {
        text.Append(',');
        if (value is float v)
        {
            text.Append(v.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    private static string Label(HistoryTier tier) => tier.Step.TotalMinutes >= 1 ? $"{tier.Step.TotalMinutes:0}m" : $"{tier.Step.TotalSeconds:0}s";

    /// <summary>The unit of a series, from its name (see <see cref="HistoryRecorder"/> for the names).</summary>
    internal static string Unit(string name) => name switch
    {
        _ when name.EndsWith(".freq", StringComparison.Ordinal) => "MHz",
        _ when name.EndsWith("_bytes_per_s", StringComparison.Ordinal) => "B/s",
        _ when name.EndsWith("_per_s", StringComparison.Ordinal) => "1/s",
        _ when name.EndsWith(".used_percent", StringComparison.Ordinal) || name.EndsWith(".load", StringComparison.Ordinal) => "%",
        _ when name.EndsWith(".dbm", StringComparison.Ordinal) => "dBm",
        _ when name.EndsWith(".volts", StringComparison.Ordinal) => "V",
        _ when name.EndsWith(".watts", StringComparison.Ordinal) => "W",
        HistorySeriesNames.CpuTemperature => "°C",
        _ when name.StartsWith("cpu.", StringComparison.Ordinal) => "%",
        _ when name.StartsWith("sensor.", StringComparison.Ordinal) => SensorUnit(name),
        "ups.charge" => "%",
        "ups.runtime" => "s",
        "ups.on_battery" => "0/1",
        _ when name.StartsWith("temp.", StringComparison.Ordinal) => "°C",
        _ when name.StartsWith("memory.", StringComparison.Ordinal) || name.StartsWith("swap.", StringComparison.Ordinal) => "B",
        _ when name.StartsWith("power.", StringComparison.Ordinal) => "W",
        _ when name.StartsWith("pi.", StringComparison.Ordinal) => "0/1",
        _ => string.Empty,
    };

    /// <summary>A sensor series' unit from its quantity, the name's second part (<c>sensor.humidity.bme280 humidity</c>).</summary>
    private static string SensorUnit(string name)
    {
        foreach (HardwareProbes.Sensors.SensorQuantity quantity in Enum.GetValues<HardwareProbes.Sensors.SensorQuantity>())
        {
            if (name.AsSpan("sensor.".Length).StartsWith(HardwareProbes.Sensors.SensorUnits.NameOf(quantity) + ".", StringComparison.Ordinal))
            {
                return HardwareProbes.Sensors.SensorUnits.Of(quantity);
            }
        }

        return string.Empty;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Query(HistoryQuery query, int page)
    {
        var parts = new List<string>
        {
            "series=" + Uri.EscapeDataString(string.Join(',', query.Series)),
            $"start={query.Start}",
            $"end={query.End}",
        };
        if (query.Step is long step)
        {
            parts.Add($"step={step}");
        }

        parts.Add($"page={page}");
        if (query.Csv)
        {
            parts.Add("format=csv");
        }

        return string.Join('&', parts);
    }
}

/// <summary>The buckets a range's points fall in (<c>t - t % step</c>), and the wanted series met on disk.</summary>
internal sealed class Buckets(HistoryQuery query, long step, HashSet<long> inRam) : IArchivePoints
{
    private readonly List<long> _times = [];
    private readonly HashSet<string> _diskNames = new(StringComparer.Ordinal);
    private string[]? _names;

    public IEnumerable<string> DiskNames => _diskNames.Order(StringComparer.Ordinal);

    public void Add(long time)
    {
        long bucket = time - (((time % step) + step) % step);
        if (_times.Count == 0 || _times[^1] != bucket)
        {
            _times.Add(bucket);
        }
    }

    public void Point(long time, string[] names, ReadOnlySpan<float> average, ReadOnlySpan<float> minimum, ReadOnlySpan<float> maximum)
    {
        if (inRam.Contains(time))
        {
            return;
        }

        if (!ReferenceEquals(names, _names))
        {
            _names = names;
            _diskNames.UnionWith(names.Where(query.Wants));
        }

        Add(time);
    }

    /// <summary>The buckets in order, each once (a clock set back leaves points out of order on disk).</summary>
    public long[] Times()
    {
        long[] times = [.. _times];
        Array.Sort(times);
        int n = 0;
        for (int i = 0; i < times.Length; i++)
        {
            if (n == 0 || times[n - 1] != times[i])
            {
                times[n++] = times[i];
            }
        }

        return times[..n];
    }
}

/// <summary>One page's figures: per series and bucket the average of the points' averages and the extremes of their ranges.</summary>
internal sealed class Figures(string[] names, long[] times, long step, HashSet<long> inRam) : IArchivePoints
{
    private readonly double[][] _sum = [.. names.Select(_ => new double[times.Length])];
    private readonly int[][] _n = [.. names.Select(_ => new int[times.Length])];
    private readonly float[][] _min = [.. names.Select(_ => new float[times.Length])];
    private readonly float[][] _max = [.. names.Select(_ => new float[times.Length])];
    private string[]? _diskNames;
    private int[] _diskColumns = [];

    public void Point(long time, string[] columns, ReadOnlySpan<float> average, ReadOnlySpan<float> minimum, ReadOnlySpan<float> maximum)
    {
        if (inRam.Contains(time))
        {
            return;
        }

        if (!ReferenceEquals(columns, _diskNames))
        {
            _diskNames = columns;
            _diskColumns = [.. names.Select(n => Array.IndexOf(columns, n))];
        }

        int bucket = Bucket(time);
        for (int i = 0; bucket >= 0 && i < names.Length; i++)
        {
            int c = _diskColumns[i];
            if (c >= 0 && c < average.Length)
            {
                Add(i, bucket, average[c], minimum[c], maximum[c]);
            }
        }
    }

    public void AddRam(HistoryTier tier, int age, long time, int[] columns)
    {
        int bucket = Bucket(time);
        for (int i = 0; bucket >= 0 && i < names.Length; i++)
        {
            if (columns[i] >= 0)
            {
                (float avg, float min, float max) = tier.ValueAt(columns[i], age);
                Add(i, bucket, avg, min, max);
            }
        }
    }

    public HistorySeries Series(int i, string unit, bool ranged)
    {
        float?[] avg = new float?[times.Length];
        float?[]? min = ranged ? new float?[times.Length] : null;
        float?[]? max = ranged ? new float?[times.Length] : null;
        for (int b = 0; b < times.Length; b++)
        {
            if (_n[i][b] > 0)
            {
                avg[b] = (float)(_sum[i][b] / _n[i][b]);
                min?[b] = _min[i][b];
                max?[b] = _max[i][b];
            }
        }

        return new HistorySeries(unit, avg, min, max);
    }

    private int Bucket(long time)
    {
        long bucket = time - (((time % step) + step) % step);
        return Array.BinarySearch(times, bucket) is int b && b >= 0 ? b : -1;
    }

    private void Add(int i, int b, float avg, float min, float max)
    {
        if (float.IsNaN(avg))
        {
            return;
        }

        _min[i][b] = _n[i][b] == 0 ? min : Math.Min(_min[i][b], min);
        _max[i][b] = _n[i][b] == 0 ? max : Math.Max(_max[i][b], max);
        _sum[i][b] += avg;
        _n[i][b]++;
    }
}
