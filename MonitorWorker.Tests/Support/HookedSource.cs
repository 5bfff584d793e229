using System.IO.Abstractions;
using HardwareProbes;
using HardwareProbes.Cpu;
using HardwareProbes.Snapshots;

namespace MonitorWorker.Tests;

/// <summary>
/// A real snapshot source with hooks: it counts calls, records when a measuring window read its CPU baseline, can be
/// slowed, and can be made to hang. A window waits on <c>time</c>, so a test holding a fake clock holds the window.
/// </summary>
internal sealed class HookedSource : ISnapshotSource
{
    private readonly LinuxSnapshotSource _inner;
    private readonly TimeProvider _time;
    private int _collections;
    private int _waiting;
    private int _baselineReads;

    public HookedSource(ProbeOptions? options = null, TimeProvider? time = null)
    {
        _inner = new LinuxSnapshotSource(new FileSystem(), options ?? new ProbeOptions { DiskPaths = ["/"] }, TimeProvider.System);
        _time = time ?? TimeProvider.System;
    }

    public TimeSpan CollectDelay { get; set; }

    /// <summary>While reset, Collect blocks: a stalled sampler.</summary>
    public ManualResetEventSlim Gate { get; } = new(true);

    public int Collections => Volatile.Read(ref _collections);

    /// <summary>Gets how many collections wait at the closed <see cref="Gate"/> now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public int BaselineReads => Volatile.Read(ref _baselineReads);

    public DateTimeOffset? LastBaselineReadAt { get; private set; }

    public CpuCounters? LastBaselineRead { get; private set; }

    public CpuCounters? LastBaselineUsed { get; private set; }

    public HardwareSnapshot Collect() => Collect(null, advance: true);

    public HardwareSnapshot CollectOnDemand() => Collect(null, advance: false);

    public async Task<HardwareSnapshot> CollectOverAsync(TimeSpan window, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _baselineReads);
        LastBaselineReadAt = DateTimeOffset.UtcNow;
        LastBaselineRead = _inner.ReadCpuCounters();
        await Task.Delay(window, _time, cancellationToken);
        return Collect(LastBaselineRead, advance: false);
    }

    public void Dispose()
    {
        Gate.Set();
        _inner.Dispose();
    }

    private HardwareSnapshot Collect(CpuCounters? baseline, bool advance)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            Gate.Wait();
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        Thread.Sleep(CollectDelay);
        Interlocked.Increment(ref _collections);
        LastBaselineUsed = baseline;
        return _inner.Collect(baseline, advance);
    }
}
