using System.Threading.Channels;

namespace MonitorWorker.Push;

/// <summary>
/// One connected live-push client: a small queue that drops the oldest message when the client falls behind, so a
/// slow or stuck client costs the sampler and the other clients nothing.
/// </summary>
public sealed class PushClient
{
    /// <summary>How many messages wait for a client before the oldest is dropped.</summary>
    public const int QueueLength = 4;

    private readonly Channel<PushMessage> _queue = Channel.CreateBounded<PushMessage>(
        new BoundedChannelOptions(QueueLength) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private long _lastDelivered;

    private readonly Action _disconnect;

    internal PushClient(System.Net.IPAddress? remote, Action disconnect, long now)
    {
        Remote = remote;
        _disconnect = disconnect;
        _lastDelivered = now;
    }

    /// <summary>Gets the client's address, for the log.</summary>
    public System.Net.IPAddress? Remote { get; }

    /// <summary>Disconnects the client (aborts its request, or closes its Socket.IO session).</summary>
    public void Disconnect() => _disconnect();

    /// <summary>Gets the messages waiting for this client.</summary>
    public ChannelReader<PushMessage> Messages => _queue.Reader;

    /// <summary>Gets when (in <see cref="TimeProvider.GetTimestamp"/> ticks) a message last reached the client, or it joined.</summary>
    public long LastDelivered => Volatile.Read(ref _lastDelivered);

    /// <summary>Gets whether messages are waiting.</summary>
    public bool HasPending => _queue.Reader.Count > 0;

    internal void Offer(PushMessage message) => _queue.Writer.TryWrite(message);

    /// <summary>Records that a message was written to the client.</summary>
    public void Delivered(long now) => Volatile.Write(ref _lastDelivered, now);

    internal void Close() => _queue.Writer.TryComplete();
}
