using System.Globalization;
using System.Text;

namespace MonitorWorker.History;

/// <summary>Answers a <see cref="HistoryQuery"/> from the <see cref="HistoryStore"/>: the tier, the points, the page.</summary>
public static class HistoryReader
{
    /// <summary>Points per page: an hour of 1-second samples.</summary>
    public const int PageSize = 3600;

    /// <summary>
    /// The finest tier whose step is at most the one asked for and whose ring reaches back to the range's start (its
    /// capacity × step before the newer of its newest slot and the range's end); when none reaches, the coarsest
    /// allowed, which reaches back furthest. A young agent's tier covers a range it has no older data for: no coarser
    /// tier has that data either.
    /// </summary>
    public static HistoryTier Choose(HistoryStore store, HistoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        HistoryTier[] tiers = [store.Samples, store.Minutes, store.QuarterHours];
        HistoryTier[] allowed = [.. tiers.Where(t => query.Step is not long step || (long)t.Step.TotalSeconds <= step)];
        if (allowed.Length == 0)
        {
            allowed = [store.Samples];
        }

        return allowed.FirstOrDefault(t => Math.Max(t.NewestTime ?? query.End, query.End) - ((long)t.Capacity * (long)t.Step.TotalSeconds) <= query.Start) ?? allowed[^1];
    }

    public static HistoryResponse Answer(HistoryStore store, HistoryQuery query, string path)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        return store.Read(s =>
        {
            HistoryTier tier = Choose(s, query);
            long tierStep = (long)tier.Step.TotalSeconds;
            long step = Math.Max(tierStep, query.Step ?? tierStep);
            IReadOnlyList<string> names = s.Names;
            int[] wanted = [.. Enumerable.Range(0, names.Count).Where(i => query.Wants(names[i]))];

            // Points: the tier's slots in the range, folded by the step (a point per slot when the step is the tier's).
            var times = new List<long>();
            var firstAge = new List<int>();
            int lastAge = -1;
            for (int age = 0; age < tier.Count; age++)
            {
                long t = tier.TimeAt(age);
                if (t < query.Start || t > query.End)
                {
                    continue;
                }

                lastAge = age;

                long bucket = t - (t % step);
                if (times.Count == 0 || times[^1] != bucket)
                {
                    times.Add(bucket);
                    firstAge.Add(age);
                }
            }

            int totalPages = Math.Max(1, (times.Count + PageSize - 1) / PageSize);
            int page = Math.Min(query.Page, totalPages);
            int first = (page - 1) * PageSize;
            int count = Math.Max(0, Math.Min(PageSize, times.Count - first));
            bool ranged = tier.KeepsRange || step > tierStep;
            var series = new Dictionary<string, HistorySeries>(StringComparer.Ordinal);
            foreach (int index in wanted)
            {
                float?[] avg = new float?[count];
                float?[]? min = ranged ? new float?[count] : null;
                float?[]? max = ranged ? new float?[count] : null;
                for (int i = 0; i < count; i++)
                {
                    int b = first + i;
                    int from = firstAge[b];
                    int to = b + 1 < firstAge.Count ? firstAge[b + 1] - 1 : lastAge;
                    double sum = 0;
                    int n = 0;
                    float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
                    for (int age = from; age <= to; age++)
                    {
                        (float a, float mn, float mx) = tier.ValueAt(index, age);
                        if (float.IsNaN(a))
                        {
                            continue;
                        }

                        sum += a;
                        n++;
                        lo = Math.Min(lo, mn);
                        hi = Math.Max(hi, mx);
                    }

                    if (n > 0)
                    {
                        avg[i] = (float)(sum / n);
                        min?[i] = lo;
                        max?[i] = hi;
                    }
                }

                series[names[index]] = new HistorySeries(Unit(names[index]), avg, min, max);
            }

            string? Link(int p) => p < 1 || p > totalPages || p == page ? null : $"{path}?{Query(query, p)}";
            return new HistoryResponse(
                Label(tier),
                step,
                query.Start,
                query.End,
                [.. times.Skip(first).Take(count)],
                series,
                page,
                totalPages,
                Link(page - 1),
                Link(page + 1),
                new HistoryMemory(names.Count, HistoryStore.MaxSeries, s.BytesPerSeries, s.BytesPerSeries * names.Count));
        });
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
        _ when name.StartsWith("cpu.", StringComparison.Ordinal) => "%",
        _ when name.StartsWith("temp.", StringComparison.Ordinal) => "°C",
        _ when name.StartsWith("memory.", StringComparison.Ordinal) || name.StartsWith("swap.", StringComparison.Ordinal) => "B",
        _ when name.StartsWith("power.", StringComparison.Ordinal) => "W",
        _ when name.StartsWith("pi.", StringComparison.Ordinal) => "0/1",
        _ => string.Empty,
    };

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
