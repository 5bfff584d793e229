using System.ComponentModel.DataAnnotations;
using MonitorWorker.Configuration;
using static MonitorWorker.Configuration.SettingValues;

namespace MonitorWorker.Processes;

/// <summary>How often the process list may be read, and what makes a CPU or memory spike.</summary>
public sealed class ProcessOptions
{
    public const int MaxIntervalSeconds = 3600;
    public const int MaxSpikeSamples = 3600;

    /// <summary>Gets or sets the shortest time between two readings of the process list (PISTAT_PROCESS_INTERVAL_SECONDS); requests in between share the last.</summary>
    /// <value>The default value is 2 seconds.</value>
    [Range(1, MaxIntervalSeconds)]
    public int ProcessIntervalSeconds { get; set; } = 2;

    /// <summary>Gets or sets the CPU use at or above which a spike begins (PISTAT_SPIKE_CPU_PERCENT).</summary>
    /// <value>The default value is 90 %.</value>
    [Range(1, 100)]
    public int SpikeCpuPercent { get; set; } = 90;

    /// <summary>Gets or sets the memory use at or above which a spike begins (PISTAT_SPIKE_MEMORY_PERCENT).</summary>
    /// <value>The default value is 90 %.</value>
    [Range(1, 100)]
    public int SpikeMemoryPercent { get; set; } = 90;

    /// <summary>Gets or sets how many samples in a row CPU or memory must stay high to be a spike (PISTAT_SPIKE_SAMPLES).</summary>
    /// <value>The default value is 5 samples.</value>
    [Range(1, MaxSpikeSamples)]
    public int SpikeSamples { get; set; } = 5;

    /// <summary>Gets this feature's PISTAT_ variables.</summary>
    public static IReadOnlyList<Setting<ProcessOptions>> Settings { get; } =
    [
        new("PISTAT_PROCESS_INTERVAL_SECONDS", $"seconds from 1 to {MaxIntervalSeconds}", o => Show(o.ProcessIntervalSeconds),
            (v, o) => WholeNumber(v, 1, MaxIntervalSeconds, "is not a number of seconds", x => o.ProcessIntervalSeconds = x)),
        new("PISTAT_SPIKE_CPU_PERCENT", "a percentage from 1 to 100", o => Show(o.SpikeCpuPercent),
            (v, o) => WholeNumber(v, 1, 100, "is not a percentage", x => o.SpikeCpuPercent = x)),
        new("PISTAT_SPIKE_MEMORY_PERCENT", "a percentage from 1 to 100", o => Show(o.SpikeMemoryPercent),
            (v, o) => WholeNumber(v, 1, 100, "is not a percentage", x => o.SpikeMemoryPercent = x)),
        new("PISTAT_SPIKE_SAMPLES", $"samples from 1 to {MaxSpikeSamples}", o => Show(o.SpikeSamples),
            (v, o) => WholeNumber(v, 1, MaxSpikeSamples, "is not a number of samples", x => o.SpikeSamples = x)),
    ];
}
