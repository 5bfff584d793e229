namespace MonitorWorker.History;

/// <summary>
/// The history of every series in RAM, in three tiers: a point per sample for <c>PISTAT_HISTORY_SECONDS</c> (the tier's
/// step is <c>PISTAT_SAMPLE_SECONDS</c> in whole seconds, at least 1, and it holds as many points as fit), then
/// 1-minute points for 24 hours and 15-minute points for 7 days, each coarse point with the minimum, average and
/// maximum of the samples it covers (computed from the samples themselves, so a spike is never averaged away).
/// </summary>
/// <remarks>
/// Memory is fixed by the tier sizes: each series costs <see cref="BytesPerSeries"/> when it first appears, up to
/// <see cref="MaxSeries"/> series; appending a sample allocates nothing. Nothing is written to disk: an SD card
/// written every second wears out.
/// </remarks>
public sealed class HistoryStore
{
    /// <summary>The most series kept; a series first seen beyond it is not recorded.</summary>
    public const int MaxSeries = 256;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly Bucket _minute;
    private readonly Bucket _quarter;

    public HistoryStore(int historySeconds, double sampleSeconds = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(historySeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleSeconds);
        int step = SampleStepSeconds(sampleSeconds);
        Samples = new HistoryTier(TimeSpan.FromSeconds(step), Math.Max(1, historySeconds / step), MaxSeries, keepsRange: false);
        Minutes = new HistoryTier(TimeSpan.FromMinutes(1), 24 * 60, MaxSeries, keepsRange: true);
        QuarterHours = new HistoryTier(TimeSpan.FromMinutes(15), 7 * 24 * 4, MaxSeries, keepsRange: true);
        _minute = new Bucket(Minutes, 60);
        _quarter = new Bucket(QuarterHours, 15 * 60);
    }

    /// <summary>
    /// The per-sample tier's step for a sample interval: whole seconds, rounded down (so its points reach back at least
    /// PISTAT_HISTORY_SECONDS), at least 1 (faster samples keep the newest of each second).
    /// </summary>
    public static int SampleStepSeconds(double sampleSeconds) => Math.Max(1, (int)Math.Min(int.MaxValue, Math.Floor(sampleSeconds)));

    /// <summary>Gets the per-sample tier.</summary>
    public HistoryTier Samples { get; }

    /// <summary>Gets the 1-minute tier (24 h).</summary>
    public HistoryTier Minutes { get; }

    /// <summary>Gets the 15-minute tier (7 days).</summary>
    public HistoryTier QuarterHours { get; }

    /// <summary>Gets the bytes each series costs across the three tiers.</summary>
    public long BytesPerSeries => Samples.BytesPerSeries + Minutes.BytesPerSeries + QuarterHours.BytesPerSeries + (2 * (sizeof(double) + sizeof(int) + (2 * sizeof(float))));

    /// <summary>Gets the series names, by index.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_gate)
            {
                return [.. _names];
            }
        }
    }

    /// <summary>The index of a series, adding it (and its columns) when it is new; -1 once <see cref="MaxSeries"/> are kept.</summary>
    public int SeriesFor(string name)
    {
        lock (_gate)
        {
            if (_index.TryGetValue(name, out int index))
            {
                return index;
            }

            if (_names.Count >= MaxSeries)
            {
                return -1;
            }

            index = _names.Count;
            _names.Add(name);
            _index[name] = index;
            Samples.AddSeries(index);
            Minutes.AddSeries(index);
            QuarterHours.AddSeries(index);
            return index;
        }
    }

    /// <summary>Appends one sample: <paramref name="values"/>[i] is series i's value (NaN for none) at Unix second <paramref name="time"/>.</summary>
    public void Append(long time, ReadOnlySpan<float> values)
    {
        lock (_gate)
        {
            int count = Math.Min(values.Length, _names.Count);
            int slot = Samples.Open(time);
            for (int s = 0; s < count; s++)
            {
                Samples.Write(slot, s, values[s], values[s], values[s]);
            }

            _minute.Add(time, values[..count]);
            _quarter.Add(time, values[..count]);
        }
    }

    /// <summary>Runs <paramref name="read"/> with the tiers held still.</summary>
    public T Read<T>(Func<HistoryStore, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            return read(this);
        }
    }

    /// <summary>
    /// The samples of the current coarse slot, folded into min/avg/max and written into the tier's newest slot after
    /// every sample, so a reader sees the slot in progress (a 24-hour chart reaches up to now).
    /// </summary>
    private sealed class Bucket(HistoryTier tier, int seconds)
    {
        private readonly double[] _sum = new double[MaxSeries];
        private readonly int[] _n = new int[MaxSeries];
        private readonly float[] _min = new float[MaxSeries];
        private readonly float[] _max = new float[MaxSeries];
        private long _start = -1;

        public void Add(long time, ReadOnlySpan<float> values)
        {
            long start = time - (((time % seconds) + seconds) % seconds);
            if (start != _start)
            {
                _start = start;
                Array.Clear(_sum);
                Array.Clear(_n);
            }

            int slot = tier.Open(_start);
            for (int s = 0; s < values.Length; s++)
            {
                float v = values[s];
                if (float.IsNaN(v))
                {
                    continue;
                }

                _min[s] = _n[s] == 0 ? v : Math.Min(_min[s], v);
                _max[s] = _n[s] == 0 ? v : Math.Max(_max[s], v);
                _sum[s] += v;
                _n[s]++;
                tier.Write(slot, s, (float)(_sum[s] / _n[s]), _min[s], _max[s]);
            }
        }
    }
}
