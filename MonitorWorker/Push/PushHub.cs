using HardwareProbes.Snapshots;
using Microsoft.Extensions.Options;
using MonitorWorker.Sampling;

namespace MonitorWorker.Push;

/// <summary>
/// The live-push clients (WebSocket, Server-Sent Events and Socket.IO together): admits at most PISTAT_MAX_CONNECTIONS, and
/// hands each background sample (it subscribes to the sampler's snapshots) to every client's queue without waiting for any of them.
/// </summary>
public sealed partial class PushHub : ISnapshotSubscriber, ILiveClients
{
    /// <summary>A client that has taken no message for this long while messages wait is disconnected, freeing its place.</summary>
    public static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly int _max;
    private readonly SnapshotViews _views;
    private readonly TimeProvider _time;
    private readonly ILogger<PushHub> _logger;
    private PushClient[] _clients = [];
    private volatile HardwareSnapshot? _last;

    public PushHub(IOptions<PushOptions> options, SnapshotViews views, TimeProvider time, ILogger<PushHub> logger)
    {
        _max = options.Value.MaxConnections;
        _views = views;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets the most clients admitted together (PISTAT_MAX_CONNECTIONS).</summary>
    public int MaxClients => _max;

    /// <summary>Gets whether a sample has been published (a client that joins now gets it at once).</summary>
    public bool HasSample => _last is not null;

    /// <summary>Gets how many clients are connected.</summary>
    public int Count => Volatile.Read(ref _clients).Length;

    /// <summary>Admits the client of a request unless <see cref="MaxClients"/> are connected; it gets the newest sample at once.</summary>
    public bool TryJoin(HttpContext context, out PushClient? client)
    {
        ArgumentNullException.ThrowIfNull(context);
        return TryJoin(context.Connection.RemoteIpAddress, context.Abort, out client);
    }

    /// <summary>Admits a client that <paramref name="disconnect"/> disconnects (a stalled one is), unless <see cref="MaxClients"/> are connected.</summary>
    public bool TryJoin(System.Net.IPAddress? remote, Action disconnect, out PushClient? client)
    {
        lock (_gate)
        {
            if (_clients.Length >= _max)
            {
                client = null;
                return false;
            }

            client = new PushClient(remote, disconnect, _time.GetTimestamp());
            _clients = [.. _clients, client];
        }

        if (_last is { } last)
        {
            client.Offer(_views.Get(last, PushMessage.View));
        }

        return true;
    }

    /// <summary>Removes a client that has gone.</summary>
    public void Leave(PushClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_gate)
        {
            _clients = [.. _clients.Where(c => !ReferenceEquals(c, client))];
        }

        client.Close();
    }

    /// <summary>Each sampled snapshot is published to the clients.</summary>
    public void OnSnapshot(HardwareSnapshot snapshot) => Publish(snapshot);

    /// <summary>Queues a sample for every client, and disconnects clients stuck for longer than <see cref="StallLimit"/>.</summary>
    public void Publish(HardwareSnapshot snapshot)
    {
        // Kept even without clients: a client that joins later gets this newest sample at once.
        _last = snapshot;
        PushClient[] clients = Volatile.Read(ref _clients);
        if (clients.Length == 0)
        {
            return;
        }

        PushMessage message = _views.Get(snapshot, PushMessage.View);
        long now = _time.GetTimestamp();
        foreach (PushClient client in clients)
        {
            if (client.HasPending && _time.GetElapsedTime(client.LastDelivered, now) > StallLimit)
            {
                LogStalledClient(_logger, client.Remote, StallLimit.TotalSeconds);
                client.Disconnect();
                continue;
            }

            client.Offer(message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Disconnected live-push client {Client}: it took no message for {Seconds} s")]
    private static partial void LogStalledClient(ILogger logger, System.Net.IPAddress? client, double seconds);
}
