using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using MonitorWorker.Push;

namespace MonitorWorker.SocketIo;

/// <summary>
/// One Engine.IO session and the Socket.IO socket on its main namespace: the packets waiting for the client, the
/// transport it is on, the ping it owes and whether it has connected. Thread-safe: requests of one session (a poll, a
/// POST, the WebSocket) and its timers may run at once.
/// </summary>
internal sealed partial class SocketIoSession : IDisposable
{
    /// <summary>Engine.IO's record separator between the packets of one polling payload.</summary>
    public const byte Separator = 0x1e;

    /// <summary>Control packets (pings, connect answers, noops) waiting; more than this while nobody polls drops the oldest.</summary>
    private const int ControlQueueLength = 16;

    private readonly Lock _gate = new();
    private readonly Channel<ReadOnlyMemory<byte>> _control = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(ControlQueueLength) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false });
    private readonly CancellationTokenSource _closed = new();
    private readonly SocketIoServer _server;
    private readonly ITimer _pingTimer;
    private readonly ITimer _connectTimer;
    private bool _awaitingPong;
    private int _polling;
    private PushClient? _client;
    private string? _socketId;

    public SocketIoSession(SocketIoServer server, string id, bool webSocketOnly, System.Net.IPAddress? remote, bool headerHasKey)
    {
        _server = server;
        Id = id;
        Remote = remote;
        HeaderHasKey = headerHasKey;
        Transport = webSocketOnly ? SocketIoTransport.WebSocket : SocketIoTransport.Polling;
        _pingTimer = server.Time.CreateTimer(_ => OnPingTimer(), null, server.PingInterval, Timeout.InfiniteTimeSpan);
        _connectTimer = server.Time.CreateTimer(_ => OnConnectTimeout(), null, server.ConnectTimeout, Timeout.InfiniteTimeSpan);
    }

    public string Id { get; }

    public System.Net.IPAddress? Remote { get; }

    /// <summary>Gets or sets whether a request of the session carried the API key in its Authorization header.</summary>
    public bool HeaderHasKey { get; set; }

    public SocketIoTransport Transport { get; private set; }

    /// <summary>Gets whether a WebSocket has sent <c>2probe</c> and the upgrade is under way.</summary>
    public bool Upgrading { get; private set; }

    /// <summary>Gets whether the socket is connected to the main namespace (and so counted among the live clients).</summary>
    public bool Connected => Volatile.Read(ref _client) is not null;

    /// <summary>Gets whether a ping has been sent and its pong not yet received.</summary>
    public bool AwaitingPong
    {
        get
        {
            lock (_gate)
            {
                return _awaitingPong;
            }
        }
    }

    /// <summary>Gets why the session closed, once it has.</summary>
    public string? CloseReason { get; private set; }

    /// <summary>Gets a token cancelled when the session closes.</summary>
    public CancellationToken Closed => _closed.Token;

    public bool IsClosed => _closed.IsCancellationRequested;

    /// <summary>The Engine.IO open packet: the session id, the upgrades it may take and the timings it keeps.</summary>
    public byte[] OpenPacket()
    {
        string upgrades = Transport == SocketIoTransport.Polling ? "[\"websocket\"]" : "[]";
        return Encoding.UTF8.GetBytes(
            $"0{{\"sid\":\"{Id}\",\"upgrades\":{upgrades},\"pingInterval\":{(int)_server.PingInterval.TotalMilliseconds},\"pingTimeout\":{(int)_server.PingTimeout.TotalMilliseconds},\"maxPayload\":{_server.MaxPayload}}}");
    }

    /// <summary>Claims the session's one polling GET; false when another is already waiting (a protocol error).</summary>
    public bool TryBeginPoll() => Interlocked.CompareExchange(ref _polling, 1, 0) == 0;

    public void EndPoll() => Volatile.Write(ref _polling, 0);

    /// <summary>Gets whether a polling GET is waiting.</summary>
    public bool Polling => Volatile.Read(ref _polling) == 1;

    /// <summary>Waits until a packet is ready for the client, the session closes or <paramref name="cancellationToken"/> fires.</summary>
    public async Task WaitForOutputAsync(CancellationToken cancellationToken)
    {
        if (HasOutput || IsClosed)
        {
            return;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        Task control = _control.Reader.WaitToReadAsync(wait.Token).AsTask();
        Task data = Volatile.Read(ref _client) is { } client
            ? client.Messages.WaitToReadAsync(wait.Token).AsTask()
            : Task.Delay(Timeout.Infinite, wait.Token);
        await Task.WhenAny(control, data).ConfigureAwait(false);
        await wait.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>Gets whether a packet waits for the client.</summary>
    public bool HasOutput => _control.Reader.Count > 0 || (Volatile.Read(ref _client) is { } client && client.HasPending);

    /// <summary>Takes the next packet for the client: control packets first, then samples.</summary>
    public bool TryTake(out ReadOnlyMemory<byte> packet)
    {
        if (_control.Reader.TryRead(out packet))
        {
            return true;
        }

        if (Volatile.Read(ref _client) is { } client && client.Messages.TryRead(out PushMessage? message))
        {
            client.Delivered(_server.Time.GetTimestamp());
            packet = message.SocketIoPacket;
            return true;
        }

        packet = default;
        return false;
    }

    /// <summary>Whether the next packet would fit in <paramref name="room"/> bytes (it is left queued when it would not).</summary>
    public bool NextFits(int room)
    {
        if (_control.Reader.TryPeek(out ReadOnlyMemory<byte> control))
        {
            return control.Length <= room;
        }

        return Volatile.Read(ref _client) is not { } client || !client.Messages.TryPeek(out PushMessage? message) || message.SocketIoPacket.Length <= room;
    }

    public void Send(string packet) => _control.Writer.TryWrite(Encoding.UTF8.GetBytes(packet));

    /// <summary>Handles one Engine.IO packet from the client; false when it breaks the protocol (the session is then closed).</summary>
    public bool Receive(ReadOnlySpan<byte> packet)
    {
        if (packet.IsEmpty)
        {
            return Fail("an empty packet");
        }

        switch ((char)packet[0])
        {
            case '1':
                Close("the client closed the session", answerPoll: true);
                return true;
            case '2':
                if (!packet[1..].SequenceEqual("probe"u8))
                {
                    Send("3"); // a ping from the client, which v4 clients do not send, still gets its pong
                }

                return true; // a probe is answered by the WebSocket that carries it
            case '3':
                Pong();
                return true;
            case '4':
                return OnSocketIoPacket(Encoding.UTF8.GetString(packet[1..]));
            case '5':
            case '6':
                return true; // upgrade and noop: the transport switch is made by the WebSocket that carries it
            case 'b':
                return true; // a binary message over polling (base64): attachments of an event, which this server ignores
            default:
                return Fail($"an unknown packet type '{(char)packet[0]}'");
        }
    }

    /// <summary>A WebSocket has sent <c>2probe</c>: the pending poll is released with a noop so the client can upgrade.</summary>
    public void BeginUpgrade()
    {
        lock (_gate)
        {
            Upgrading = true;
        }

        Send("6");
    }

    /// <summary>The WebSocket that probed went away before its upgrade packet: the session stays on polling.</summary>
    public void AbandonUpgrade()
    {
        lock (_gate)
        {
            Upgrading = false;
        }
    }

    /// <summary>The client has sent <c>5</c> over the WebSocket: from now on, polling requests on this session are refused.</summary>
    public void CompleteUpgrade()
    {
        lock (_gate)
        {
            Transport = SocketIoTransport.WebSocket;
            Upgrading = false;
        }
    }

    private bool Fail(string what)
    {
        Close($"protocol error: {what}");
        return false;
    }

    private void OnPingTimer()
    {
        lock (_gate)
        {
            if (IsClosed)
            {
                _server.Forget(this); // a session kept for its last poll that never came
                return;
            }

            if (!_awaitingPong)
            {
                _awaitingPong = true;
                Send("2");
                _pingTimer.Change(_server.PingTimeout, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        Close($"ping timeout: no pong within {_server.PingTimeout.TotalMilliseconds} ms (PISTAT_SOCKETIO_PING_TIMEOUT_MS)");
    }

    private void Pong()
    {
        lock (_gate)
        {
            if (_awaitingPong && !IsClosed)
            {
                _awaitingPong = false;
                _pingTimer.Change(_server.PingInterval, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnConnectTimeout()
    {
        if (!Connected)
        {
            Close($"no connect to a namespace within {_server.ConnectTimeout.TotalMilliseconds} ms (PISTAT_SOCKETIO_CONNECT_TIMEOUT_MS)");
        }
    }

    /// <summary>
    /// Closes the session: a waiting poll gets a close packet (or, when the client itself closed, a noop), the socket
    /// leaves the live clients and the session id is forgotten. When the client closed a polling session while none of
    /// its GETs was waiting (its close POST overtook the GET it had sent), the session is kept for one more GET, which
    /// gets the noop, or until a ping timeout passes; every request after that is refused as for an unknown session.
    /// </summary>
    public void Close(string reason, bool answerPoll = false)
    {
        PushClient? client;
        bool keepForLastPoll;
        lock (_gate)
        {
            if (IsClosed)
            {
                return;
            }

            CloseReason = reason;
            client = Volatile.Read(ref _client);
            Volatile.Write(ref _client, null);
            Send(answerPoll ? "6" : "1");
            keepForLastPoll = answerPoll && Transport == SocketIoTransport.Polling && !Polling;
            _closed.Cancel();
        }

        _pingTimer.Change(keepForLastPoll ? _server.PingTimeout : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _connectTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (client is not null)
        {
            _server.Hub.Leave(client);
        }

        if (!keepForLastPoll)
        {
            _server.Forget(this);
        }
    }

    /// <summary>A fresh random id: 15 bytes, 20 URL-safe characters.</summary>
    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[15];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Stops the timers; the close token stays usable for requests still finishing.</summary>
    public void Dispose()
    {
        _pingTimer.Dispose();
        _connectTimer.Dispose();
    }
}

internal enum SocketIoTransport
{
    Polling,
    WebSocket,
}
