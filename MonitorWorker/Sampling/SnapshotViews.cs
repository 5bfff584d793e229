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

    /// <summary>Gets how many views of the current snapshot have been built since it arrived (for tests).</summary>
    internal int BuiltForCurrent => _entry?.Built ?? 0;

    /// <summary>The view of <paramref name="snapshot"/>, built now unless it was already.</summary>
    public T Get<T>(HardwareSnapshot snapshot, SnapshotView<T> view)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(view);
        Entry entry = EntryFor(snapshot);
        if (view.Slot < entry.Views.Length && Volatile.Read(ref entry.Views[view.Slot]) is T built)
        {
            return built;
        }

        T value = view.Build(snapshot, this);
        if (view.Slot < entry.Views.Length && Interlocked.CompareExchange(ref entry.Views[view.Slot], value, null) is T first)
        {
            return first;
        }

        Interlocked.Increment(ref entry.Built);
        return value;
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
        public HardwareSnapshot Snapshot { get; } = snapshot;

        public object?[] Views { get; } = new object?[slots];

        public int Built;
    }
}
