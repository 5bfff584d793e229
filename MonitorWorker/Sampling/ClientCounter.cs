namespace MonitorWorker.Sampling;

/// <summary>Counts connected live-push clients (reported by <c>/health</c>).</summary>
public sealed class ClientCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public int Increment() => Interlocked.Increment(ref _count);

    public int Decrement() => Interlocked.Decrement(ref _count);
}
