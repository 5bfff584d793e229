using HardwareProbes.RaspberryPi;
using MonitorWorker.History;

namespace MonitorWorker.PytestMonitor;

/// <summary>
/// What the agent saw while a test ran, from its history: the samples from the second the test started to the first
/// sample after it ended (a sample's CPU figures cover the second before it), on the finest tier that still holds the
/// window (per sample, then per minute, then per 15 minutes).
/// </summary>
/// <param name="Samples">How many history slots the window covers; 0 when the history holds none of it (then every figure is null).</param>
/// <param name="ResolutionSeconds">The step of the tier read: 1 s for the per-sample tier (at PISTAT_SAMPLE_SECONDS 1), 60 or 900 for the coarse ones.</param>
/// <param name="MaxCpuTemperatureC">The highest CPU temperature, °C.</param>
/// <param name="MeanCpuFrequencyMhz">The mean over the window and the online cores of the current CPU frequency, MHz.</param>
/// <param name="Throttled">Whether the Raspberry Pi firmware throttled, capped the ARM frequency or hit its soft temperature limit at any sample; null off a Pi.</param>
/// <param name="UnderVoltage">Whether a Raspberry Pi reported under-voltage at any sample; null off a Pi.</param>
/// <param name="MeanPowerMw">A Jetson's mean input power, mW; null where the board has no power rails.</param>
/// <param name="Reason">Why the figures are missing, when <paramref name="Samples"/> is 0.</param>
public sealed record HardwareDuringTest(
    int Samples,
    double? ResolutionSeconds,
    double? MaxCpuTemperatureC,
    double? MeanCpuFrequencyMhz,
    bool? Throttled,
    bool? UnderVoltage,
    double? MeanPowerMw,
    string? Reason)
{
    /// <summary>Reads the window [<paramref name="start"/>, <paramref name="end"/>] (Unix seconds) out of the history.</summary>
    public static HardwareDuringTest Read(HistoryStore history, double start, double end)
    {
        ArgumentNullException.ThrowIfNull(history);
        IReadOnlyList<string> names = history.Names;
        return history.Read(store =>
        {
            foreach (HistoryTier tier in (HistoryTier[])[store.Samples, store.Minutes, store.QuarterHours])
            {
                if (tier.Count == 0 || tier.OldestTime > (long)Math.Floor(start))
                {
                    continue;
                }

                return Over(names, store, tier, start, end);
            }

            return Missing(store.Samples.Count == 0
                ? "the history holds no samples yet"
                : "the history no longer (or not yet) covers the test's window");
        });
    }

    private static HardwareDuringTest Missing(string reason) => new(0, null, null, null, null, null, null, reason);

    private static HardwareDuringTest Over(IReadOnlyList<string> names, HistoryStore store, HistoryTier tier, double start, double end)
    {
        long step = (long)tier.Step.TotalSeconds;
        long from = tier == store.Samples ? (long)Math.Floor(start) : (long)Math.Floor(start) - step + 1;
        long to = (long)Math.Ceiling(end);
        int temperature = IndexOf(names, HistorySeriesNames.CpuTemperature);
        int[] frequencies = [.. names.Select((n, i) => (n, i)).Where(x => x.n.StartsWith("cpu.core", StringComparison.Ordinal) && x.n.EndsWith(".freq", StringComparison.Ordinal)).Select(x => x.i)];
        int[] throttles = [.. ((ThrottleConditions[])[ThrottleConditions.Throttled, ThrottleConditions.ArmFrequencyCapped, ThrottleConditions.SoftTemperatureLimit])
            .Select(c => IndexOf(names, HistorySeriesNames.Throttle(c))).Where(i => i >= 0)];
        int underVoltage = IndexOf(names, HistorySeriesNames.Throttle(ThrottleConditions.UnderVoltage));
        int power = IndexOf(names, "power.total");

        int samples = 0;
        double maxTemperature = double.NaN, frequencySum = 0, powerSum = 0;
        int frequencyCount = 0, powerCount = 0;
        bool? throttled = null, under = null;
        bool pastEnd = false;
        for (int age = 0; age < tier.Count && !pastEnd; age++)
        {
            long time = tier.TimeAt(age);
            if (time < from)
            {
                continue;
            }

            // The first slot at or after the end closes the window: it holds the end's figures.
            pastEnd = time >= to;
            samples++;
            if (temperature >= 0 && tier.ValueAt(temperature, age).Maximum is float t && float.IsFinite(t))
            {
                maxTemperature = double.IsNaN(maxTemperature) ? t : Math.Max(maxTemperature, t);
            }

            foreach (int f in frequencies)
            {
                if (tier.ValueAt(f, age).Average is float mhz && float.IsFinite(mhz))
                {
                    frequencySum += mhz;
                    frequencyCount++;
                }
            }

            foreach (int flag in throttles)
            {
                if (tier.ValueAt(flag, age).Maximum is float v && float.IsFinite(v))
                {
                    throttled = throttled == true || v > 0;
                }
            }

            if (underVoltage >= 0 && tier.ValueAt(underVoltage, age).Maximum is float u && float.IsFinite(u))
            {
                under = under == true || u > 0;
            }

            if (power >= 0 && tier.ValueAt(power, age).Average is float w && float.IsFinite(w))
            {
                powerSum += w;
                powerCount++;
            }
        }

        if (samples == 0)
        {
            return Missing("the history holds no sample in the test's window yet");
        }

        return new HardwareDuringTest(
            samples,
            step,
            double.IsNaN(maxTemperature) ? null : Math.Round(maxTemperature, 3),
            frequencyCount == 0 ? null : Math.Round(frequencySum / frequencyCount, 1),
            throttled,
            under,
            powerCount == 0 ? null : Math.Round(powerSum / powerCount * 1000, 1),
            null);
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
}
