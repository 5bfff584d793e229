using HardwareProbes.RunningProcesses;
using HardwareProbes.Snapshots;
using MonitorWorker.Events;
using MonitorWorker.Sampling;

namespace MonitorWorker.Processes;

/// <summary>
/// Watches CPU and memory use in each background sample. When one stays at or above its threshold
/// (PISTAT_SPIKE_CPU_PERCENT, PISTAT_SPIKE_MEMORY_PERCENT) for PISTAT_SPIKE_SAMPLES samples in a row, it records a
/// spike event carrying the top five processes at that moment: by CPU over the spike (a process list is taken when
/// the spike begins, as the baseline, and again when it has lasted), or by resident memory. One event per spike; a
/// sample below the threshold ends it. Between spikes this costs two comparisons per sample.
/// </summary>
public sealed partial class SpikeDetector(ProcessWatch watch, EventLog log, SpikeThresholds thresholds, ILogger<SpikeDetector> logger) : ISnapshotSubscriber
{
    /// <summary>How many processes a spike event names.</summary>
    public const int TopCount = 5;

    private readonly Spell _cpu = new();
    private readonly Spell _memory = new();
    private Task _work = Task.CompletedTask;

    /// <summary>Gets the work the last sample started (a process collection), for tests to wait on.</summary>
    internal Task Pending => Volatile.Read(ref _work);

    public void OnSnapshot(HardwareSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        long now = snapshot.Timestamp.ToUnixTimeSeconds();
        double? cpu = snapshot.Cpu.UsagePercent;
        double? memory = snapshot.CombinedRam is { TotalBytes: > 0 } ram ? ram.UsedBytes * 100.0 / ram.TotalBytes : null;
        Step(_cpu, cpu, thresholds.CpuPercent, now, EventKinds.CpuSpike, "CPU", ProcessSort.Cpu);
        Step(_memory, memory, thresholds.MemoryPercent, now, EventKinds.MemorySpike, "Memory", ProcessSort.Memory);
    }

    private void Step(Spell spell, double? value, double threshold, long now, string kind, string what, ProcessSort sort)
    {
        if (value is not double v || v < threshold)
        {
            spell.Samples = 0;
            return;
        }

        spell.Samples = spell.Samples < int.MaxValue ? spell.Samples + 1 : spell.Samples;
        if (spell.Samples == 1 && thresholds.Samples > 1 && sort == ProcessSort.Cpu)
        {
            Run(async () => await watch.CurrentAsync(CancellationToken.None).ConfigureAwait(false)); // the baseline of the CPU window
        }

        if (spell.Samples == thresholds.Samples)
        {
            int samples = spell.Samples;
            Run(async () =>
            {
                ProcessTable table = await watch.CurrentAsync(CancellationToken.None).ConfigureAwait(false);
                IReadOnlyList<ProcessEntry> top = table.Top(sort, TopCount);
                string names = top.Count == 0 ? (table.Failure ?? "no process readable") : string.Join(", ", top.Select(p => Describe(p, sort)));
                string message = $"{what} at {v:0} % (at or above {threshold:0} % for {samples} samples); top: {names}";
                log.Add(new AgentEvent(now, kind, "warning", what == "CPU" ? "cpu" : "memory", message)
                {
                    Processes = [.. top.Select(EventProcess.From)],
                });
            });
        }
    }

    private static string Describe(ProcessEntry p, ProcessSort sort) => sort == ProcessSort.Cpu
        ? $"{p.Name} (pid {p.Pid}) {p.CpuPercent:0} %"
        : $"{p.Name} (pid {p.Pid}) {(p.RssBytes ?? 0) / 1048576.0:0} MB";

    /// <summary>Runs slow work off the sampler's thread, one piece after another.</summary>
    private void Run(Func<Task> work)
    {
        Task previous = _work;
        Task next = Task.Run(async () =>
        {
            await previous.ConfigureAwait(false);
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogSpikeFailed(logger, e);
            }
        });
        Volatile.Write(ref _work, next);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the processes of a spike failed")]
    private static partial void LogSpikeFailed(ILogger logger, Exception error);

    private sealed class Spell
    {
        public int Samples { get; set; }
    }
}

/// <summary>When a spike begins: CPU or memory use at or above a percentage for a number of samples in a row.</summary>
/// <param name="CpuPercent">PISTAT_SPIKE_CPU_PERCENT.</param>
/// <param name="MemoryPercent">PISTAT_SPIKE_MEMORY_PERCENT.</param>
/// <param name="Samples">PISTAT_SPIKE_SAMPLES.</param>
public sealed record SpikeThresholds(double CpuPercent, double MemoryPercent, int Samples);
