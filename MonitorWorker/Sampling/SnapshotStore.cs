using HardwareProbes.Snapshots;

namespace MonitorWorker.Sampling;

/// <summary>
/// Holds the newest snapshot and takes new ones, never more than one at a time (SPEC §4):
/// the sampler and <c>cache=false</c> requests share one collection in flight (single-flight), and
/// <c>block=true</c> requests that arrive together share one 1-second CPU window that starts after they arrived.
/// </summary>
public sealed partial class SnapshotStore
{
    /// <summary>How long a block window waits for more requests to join before it reads its baseline.</summary>
    private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(10);

    /// <summary>How long a request waits for a collection before answering 503: collections are bounded, so only a stalled sampler gets here.</summary>
    public static readonly TimeSpan CollectionLimit = TimeSpan.FromSeconds(10);

    private readonly ISnapshotSource _source;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Task<HardwareSnapshot>? _inFlight;
    private BlockWindow? _window;
    private volatile HardwareSnapshot? _latest;
    private int _collections;
    private int _freshRequests;
    private int _blockRequests;

    private readonly ISnapshotSubscriber[] _subscribers;
    private readonly ILogger _logger;

    public SnapshotStore(ISnapshotSource source, TimeProvider time, IEnumerable<ISnapshotSubscriber>? subscribers = null, ILogger<SnapshotStore>? logger = null)
    {
        _source = source;
        _time = time;
        _subscribers = [.. subscribers ?? []];
        _logger = logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    /// <summary>
    /// The sampler's snapshot: a fresh one (shared with a <c>cache=false</c> collection in flight), announced to every
    /// <see cref="ISnapshotSubscriber"/>. Only these are announced, so subscribers see one snapshot per sample interval
    /// however many requests ask for fresh ones.
    /// </summary>
    public async Task<HardwareSnapshot> SampleAsync(CancellationToken cancellationToken)
    {
        HardwareSnapshot snapshot = await GetFreshAsync(sampler: true).WaitAsync(cancellationToken).ConfigureAwait(false);
        foreach (ISnapshotSubscriber subscriber in _subscribers)
        {
            try
            {
                subscriber.OnSnapshot(snapshot);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogSubscriberFailed(_logger, subscriber.GetType().Name, e);
            }
        }

        return snapshot;
    }

    /// <summary>Gets the newest snapshot, or null before the first.</summary>
    public HardwareSnapshot? Latest => _latest;

    /// <summary>Gets how many collections have run (the sampler's, fresh and blocking ones together).</summary>
    public int Collections => Volatile.Read(ref _collections);

    /// <summary>Gets how many fresh snapshots were asked for (joined or started), for tests of the single-flight.</summary>
    internal int FreshRequests => Volatile.Read(ref _freshRequests);

    /// <summary>Gets how many block-window snapshots were asked for (joined or started), for tests of the shared window.</summary>
    internal int BlockRequests
    {
        get
        {
            lock (_gate)
            {
                return _blockRequests;
            }
        }
    }

    /// <summary>Gets the age of <see cref="Latest"/>, or null before the first.</summary>
    public TimeSpan? LatestAge => _latest is { } s ? _time.GetUtcNow() - s.Timestamp : null;

    /// <summary>The newest snapshot if it is at most <paramref name="maxAge"/> old, else a fresh one.</summary>
    public Task<HardwareSnapshot> GetCachedAsync(TimeSpan maxAge)
        => _latest is { } latest && _time.GetUtcNow() - latest.Timestamp <= maxAge ? Task.FromResult(latest) : GetFreshAsync();

    /// <summary>
    /// A snapshot taken now, between samples: its CPU usage and rates run from the last sample, whose counters stay the
    /// baseline of the next, so the sampler's windows stay whole. Callers arriving while one is being taken share it.
    /// </summary>
    public Task<HardwareSnapshot> GetFreshAsync() => GetFreshAsync(sampler: false);

    private Task<HardwareSnapshot> GetFreshAsync(bool sampler)
    {
        Interlocked.Increment(ref _freshRequests);
        lock (_gate)
        {
            if (_inFlight is { IsCompleted: false } running)
            {
                return running;
            }

            Task<HardwareSnapshot> collection = Task.Run(() => Keep(sampler ? _source.Collect() : _source.CollectOnDemand()));
            _inFlight = collection;
            return collection;
        }
    }

    /// <summary>
    /// A snapshot whose CPU usage covers a 1-second window starting after this call: the call waits about a second.
    /// Calls that arrive before a pending window has read its baseline join it.
    /// </summary>
    public Task<HardwareSnapshot> GetBlockingAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Counted inside the lock: a request counted here has joined or started a window.
            _blockRequests++;
            if (_window is { BaselineTaken: false } pending)
            {
                return pending.Result.WaitAsync(cancellationToken);
            }

            var window = new BlockWindow();
            _window = window;
            window.Result = Task.Run(() => RunWindowAsync(window));
            return window.Result.WaitAsync(cancellationToken);
        }
    }

    private async Task<HardwareSnapshot> RunWindowAsync(BlockWindow window)
    {
        await Task.Delay(GatherWindow, _time).ConfigureAwait(false);
        lock (_gate)
        {
            window.BaselineTaken = true;
        }

        return Keep(await _source.CollectOverAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false));
    }

    private HardwareSnapshot Keep(HardwareSnapshot snapshot)
    {
        Interlocked.Increment(ref _collections);
        HardwareSnapshot? current = _latest;
        if (current is null || snapshot.Timestamp >= current.Timestamp)
        {
            _latest = snapshot;
        }

        return snapshot;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Snapshot subscriber {Subscriber} failed")]
    private static partial void LogSubscriberFailed(ILogger logger, string subscriber, Exception exception);

    private sealed class BlockWindow
    {
        public bool BaselineTaken { get; set; }

        public Task<HardwareSnapshot> Result { get; set; } = null!;
    }
}
