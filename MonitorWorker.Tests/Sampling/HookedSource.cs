using HardwareProbes;
using HardwareProbes.Cpu;
using HardwareProbes.Snapshots;

namespace MonitorWorker.Tests.Sampling;

/// <summary>A real snapshot source with hooks: it counts calls, records when the CPU baseline was read, can be slowed, and can be made to hang.</summary>
internal sealed class HookedSource : ISnapshotSource
{
    private readonly LinuxSnapshotSource _inner;
    private int _collections;
    private int _baselineReads;

    public HookedSource(ProbeOptions? options = null) => _inner = new LinuxSnapshotSource(options ?? new ProbeOptions { DiskPaths = ["/"] });

    public TimeSpan CollectDelay { get; set; }

    /// <summary>While reset, Collect blocks: a stalled sampler.</summary>
    public ManualResetEventSlim Gate { get; } = new(true);

    public int Collections => Volatile.Read(ref _collections);

    public int BaselineReads => Volatile.Read(ref _baselineReads);

    public DateTimeOffset? LastBaselineReadAt { get; private set; }

    public ProcStat? LastBaselineRead { get; private set; }

    public ProcStat? LastBaselineUsed { get; private set; }

    public ProcStat? ReadCpuTimes()
    {
        Interlocked.Increment(ref _baselineReads);
        LastBaselineReadAt = DateTimeOffset.UtcNow;
        LastBaselineRead = _inner.ReadCpuTimes();
        return LastBaselineRead;
    }

    public HardwareSnapshot Collect(ProcStat? baseline)
    {
        Gate.Wait();
        Thread.Sleep(CollectDelay);
        Interlocked.Increment(ref _collections);
        LastBaselineUsed = baseline;
        return _inner.Collect(baseline);
    }

    public void Dispose()
    {
        Gate.Set();
        _inner.Dispose();
    }
}
