using HardwareProbes.RunningProcesses;

namespace MonitorWorker.Processes;

/// <summary>
/// The process list, collected only when asked for and at most once per PISTAT_PROCESS_INTERVAL_SECONDS: requests
/// within that interval share the last table. Nothing runs while nobody asks, so the agent's idle cost does not
/// change. CPU percentages cover the window since the table before, when that is under a minute old; the first
/// table after a quiet spell measures each process over its life, as ps does.
/// </summary>
public sealed class ProcessWatch(ProcessCollector collector, TimeProvider time, TimeSpan interval) : IDisposable
{
    /// <summary>A table older than this is not used as the baseline of the next: CPU over minutes says little about now.</summary>
    public static readonly TimeSpan BaselineMaxAge = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ProcessTable? _last;
    private long _lastAt;
    private int _collections;

    /// <summary>Gets how many collections have run.</summary>
    public int Collections => Volatile.Read(ref _collections);

    /// <summary>Gets the newest table without collecting, or null before the first.</summary>
    public ProcessTable? Last => Volatile.Read(ref _last);

    /// <summary>Gets a table at most one interval old, collecting one when the last is older.</summary>
    public async Task<ProcessTable> CurrentAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            TimeSpan age = _last is null ? TimeSpan.MaxValue : time.GetElapsedTime(_lastAt);
            if (_last is not null && age < interval)
            {
                return _last;
            }

            ProcessTable table = collector.Collect(age < BaselineMaxAge ? _last : null);
            _lastAt = time.GetTimestamp();
            Volatile.Write(ref _last, table);
            Interlocked.Increment(ref _collections);
            return table;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        collector.Dispose();
        _gate.Dispose();
    }
}
