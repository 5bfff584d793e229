namespace MonitorWorker.History;

/// <summary>
/// One tier of the history: a ring of <see cref="Capacity"/> slots of <see cref="Step"/> each. A slot holds its start
/// time (Unix seconds) and, per series, the average and, on a coarse tier, the minimum and maximum of the samples it
/// covers. Values are <see cref="float"/> columns, one per series, allocated when the series first appears and never
/// again: appending allocates nothing. A missing value is NaN, a gap a chart draws as a break.
/// </summary>
public sealed class HistoryTier
{
    private readonly long[] _times;
    private readonly float[]?[] _avg;
    private readonly float[]?[] _min;
    private readonly float[]?[] _max;
    private int _newest = -1;
    private int _count;

    public HistoryTier(TimeSpan step, int capacity, int maxSeries, bool keepsRange)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSeries, 1);
        Step = step;
        Capacity = capacity;
        KeepsRange = keepsRange;
        _times = new long[capacity];
        _avg = new float[]?[maxSeries];
        _min = keepsRange ? new float[]?[maxSeries] : [];
        _max = keepsRange ? new float[]?[maxSeries] : [];
    }

    /// <summary>Gets the time each slot covers.</summary>
    public TimeSpan Step { get; }

    /// <summary>Gets how many slots the ring holds; the oldest is overwritten first.</summary>
    public int Capacity { get; }

    /// <summary>Gets a value indicating whether slots keep the minimum and maximum beside the average.</summary>
    public bool KeepsRange { get; }

    /// <summary>Gets how many slots hold data.</summary>
    public int Count => _count;

    /// <summary>Gets the bytes one series costs in this tier: 4 per value kept per slot.</summary>
    public long BytesPerSeries => (long)Capacity * sizeof(float) * (KeepsRange ? 3 : 1);

    /// <summary>Gets the start time of the newest slot (Unix seconds), or null when the tier is empty.</summary>
    public long? NewestTime => _count == 0 ? null : _times[_newest];

    /// <summary>Gets the start time of the oldest slot kept (Unix seconds), or null when the tier is empty.</summary>
    public long? OldestTime => _count == 0 ? null : _times[Index(0)];

    /// <summary>Gives <paramref name="series"/> its columns (NaN until written). Called once per new series, off the per-sample path.</summary>
    public void AddSeries(int series)
    {
        if (_avg[series] is not null)
        {
            return;
        }

        _avg[series] = NewColumn();
        if (KeepsRange)
        {
            _min[series] = NewColumn();
            _max[series] = NewColumn();
        }
    }

    /// <summary>Opens the slot starting at <paramref name="time"/>; a time not after the newest slot reuses that slot.</summary>
    /// <returns>The slot's index, for <see cref="Write"/>.</returns>
    public int Open(long time)
    {
        if (_count > 0 && time <= _times[_newest])
        {
            return _newest;
        }

        _newest = (_newest + 1) % Capacity;
        _count = Math.Min(_count + 1, Capacity);
        _times[_newest] = time;
        foreach (float[]? column in _avg)
        {
            column?[_newest] = float.NaN;
        }

        for (int s = 0; s < _min.Length; s++)
        {
            _min[s]?[_newest] = float.NaN;
            _max[s]?[_newest] = float.NaN;
        }

        return _newest;
    }

    /// <summary>Writes one series' figures into an opened slot.</summary>
    public void Write(int slot, int series, float average, float minimum, float maximum)
    {
        if (_avg[series] is not { } avg)
        {
            return;
        }

        avg[slot] = average;
        if (KeepsRange)
        {
            _min[series]![slot] = minimum;
            _max[series]![slot] = maximum;
        }
    }

    /// <summary>Gets the time of the <paramref name="age"/>-th oldest slot kept.</summary>
    public long TimeAt(int age) => _times[Index(age)];

    /// <summary>Gets a series' figures in the <paramref name="age"/>-th oldest slot kept; NaN where it has none.</summary>
    public (float Average, float Minimum, float Maximum) ValueAt(int series, int age)
    {
        int i = Index(age);
        float avg = _avg[series]?[i] ?? float.NaN;
        return KeepsRange ? (avg, _min[series]?[i] ?? float.NaN, _max[series]?[i] ?? float.NaN) : (avg, avg, avg);
    }

    private int Index(int age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(age, _count);
        return (_newest - _count + 1 + age + Capacity) % Capacity;
    }

    private float[] NewColumn()
    {
        float[] column = new float[Capacity];
        Array.Fill(column, float.NaN);
        return column;
    }
}
