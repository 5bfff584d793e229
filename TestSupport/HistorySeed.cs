using Microsoft.Extensions.Logging.Abstractions;
using MonitorWorker.Events;
using MonitorWorker.History;

namespace TestSupport;

/// <summary>History files as a year-old agent leaves them, for the views that reach back past the RAM tiers.</summary>
public static class HistorySeed
{
    /// <summary>
    /// Writes <c>history/</c> under <paramref name="dataFolder"/>: a year of 15-minute points and 30 days of 1-minute
    /// points before <paramref name="end"/>, of <c>cpu.usage</c> (a daily wave from 10 to 70 %, a weekly spike to 100 %
    /// in the maxima) and <c>memory.used</c> (1 GiB, growing 1 MiB a day).
    /// </summary>
    public static void Write(string dataFolder, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(dataFolder);
        long last = end.ToUnixTimeSeconds() / 900 * 900;
        long first = last - (365L * 86400);
        var archive = new HistoryArchive(Path.Combine(dataFolder, "history"), long.MaxValue, TimeProvider.System, new EventLog(), NullLogger<HistoryArchive>.Instance);
        var store = new HistoryStore(60);
        int cpu = store.SeriesFor("cpu.usage");
        int memory = store.SeriesFor("memory.used");
        float[] values = new float[HistoryStore.MaxSeries];
        Array.Fill(values, float.NaN);
        long minutesFrom = last - (30L * 86400);
        long minutesMark = long.MinValue, quartersMark = long.MinValue;
        for (long t = first; t < last; t += 60)
        {
            double day = (t % 86400) / 86400.0;
            values[cpu] = t % (7 * 86400) < 60 ? 100 : (float)(40 + (30 * Math.Sin(2 * Math.PI * day)));
            values[memory] = (float)((1L << 30) + ((t - first) / 86400 * (1L << 20)));
            store.Append(t, values);
            if ((t - first) % (600 * 60) == 0)
            {
                quartersMark = archive.Write(HistoryArchive.Tier.QuarterHours, store, store.QuarterHours, quartersMark);
                if (t >= minutesFrom)
                {
                    minutesMark = archive.Write(HistoryArchive.Tier.Minutes, store, store.Minutes, Math.Max(minutesMark, minutesFrom));
                }
            }
        }

        archive.Write(HistoryArchive.Tier.QuarterHours, store, store.QuarterHours, quartersMark);
        archive.Write(HistoryArchive.Tier.Minutes, store, store.Minutes, Math.Max(minutesMark, minutesFrom));
    }
}
