using HardwareProbes.Snapshots;

namespace MonitorWorker.Sampling;

/// <summary>
/// A view of a snapshot that a feature serves many times: a mapped and serialised body, a framed push message. Each
/// feature declares its views as static fields; <see cref="SnapshotViews"/> builds each at most once per snapshot.
/// </summary>
/// <typeparam name="T">What the view holds.</typeparam>
public sealed class SnapshotView<T>
    where T : class
{
    public SnapshotView(string name, Func<HardwareSnapshot, SnapshotViews, T> build)
    {
        Name = name;
        Build = build;
        Slot = SnapshotViews.NextSlot();
    }

    /// <summary>Gets the view's name, for diagnostics.</summary>
    public string Name { get; }

    internal Func<HardwareSnapshot, SnapshotViews, T> Build { get; }

    internal int Slot { get; }
}

/// <summary>
/// The one per-snapshot cache of the service: every view of the newest snapshot (the <c>/stats</c> body, the
/// Tegrastats API body, the live-push message, and whatever later features declare) is built on first use and served
/// from memory until a newer snapshot arrives. Two threads that race to build a view both get one of the results;
/// building is pure, so which one does not matter.
/// </summary>
public sealed class SnapshotViews
{
    private static int _slots;
    private volatile Entry? _entry;

    /// <summary>Gets the name of the fixture board served as a demo, for views that label it; null on real hardware.</summary>
    public string? Demo { get; init; }

    /// <summary>Gets this node's labels (PISTAT_LABELS), for views that name the node.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The view of <paramref name="snapshot"/>, built now unless it was already.</summary>
    public T Get<T>(HardwareSnapshot snapshot, SnapshotView<T> view)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(view);
        object?[] slots = EntryFor(snapshot).SlotsFor(view.Slot);
        if (Volatile.Read(ref slots[view.Slot]) is T built)
        {
            return built;
        }

        T value = view.Build(snapshot, this);
        return Interlocked.CompareExchange(ref slots[view.Slot], value, null) as T ?? value;
    }

    internal static int NextSlot() => Interlocked.Increment(ref _slots) - 1;

    private Entry EntryFor(HardwareSnapshot snapshot)
    {
        Entry? entry = _entry;
        if (entry is not null && ReferenceEquals(entry.Snapshot, snapshot))
        {
            return entry;
        }

        // A request still holding an older snapshot builds its views without replacing the newest one's.
        var fresh = new Entry(snapshot, Volatile.Read(ref _slots));
        if (entry is null || snapshot.Timestamp >= entry.Snapshot.Timestamp)
        {
            _entry = fresh;
        }

        return fresh;
    }

    private sealed class Entry(HardwareSnapshot snapshot, int slots)
    {
        private readonly Lock _gate = new();
        private object?[] _views = new object?[slots];

        public HardwareSnapshot Snapshot { get; } = snapshot;

        /// <summary>The slot array, grown when a view first used after this entry was made needs a slot beyond it.</summary>
        public object?[] SlotsFor(int slot)
        {
            object?[] views = Volatile.Read(ref _views);
            if (slot < views.Length)
            {
                return views;
            }

            lock (_gate)
            {
                if (slot >= _views.Length)
                {
                    object?[] grown = new object?[Math.Max(slot + 1, Volatile.Read(ref _slots))];
                    Array.Copy(_views, grown, _views.Length);
                    Volatile.Write(ref _views, grown);
                }

                return _views;
            }
        }
    }
}
