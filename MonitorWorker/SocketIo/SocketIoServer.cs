using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MonitorWorker.Push;

using MonitorWorker.AccessControl;

namespace MonitorWorker.SocketIo;

/// <summary>
/// The Engine.IO v4 server under <c>/socket.io/</c> (HTTP long-polling, WebSocket, and the upgrade from one to the
/// other) with Socket.IO v5's main namespace on top: the subset the Tegrastats API's clients use. Each connected socket
/// is a live-push client of the <see cref="PushHub"/>, so it counts toward PISTAT_MAX_CONNECTIONS and receives
/// <c>42["tegrastats_update",&lt;/api/status body&gt;]</c> per sample from the same bounded queue as <c>/ws</c>.
/// </summary>
internal sealed partial class SocketIoServer
{
    /// <summary>How long a WebSocket that asks to upgrade a polling session may take to send its probe and its upgrade.</summary>
    private static readonly TimeSpan UpgradeTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, SocketIoSession> _sessions = new(StringComparer.Ordinal);
    private readonly ApiKey _key;
    private readonly ILogger<SocketIoServer> _logger;

    public SocketIoServer(IOptions<SocketIoOptions> socketIo, IOptions<PushOptions> push, ApiKey key, PushHub hub, TimeProvider time, ILogger<SocketIoServer> logger)
    {
        SocketIoOptions o = socketIo.Value;
        Hub = hub;
        Time = time;
        _logger = logger;
        _key = key;
        PingInterval = TimeSpan.FromMilliseconds(o.PingIntervalMs);
        PingTimeout = TimeSpan.FromMilliseconds(o.PingTimeoutMs);
        ConnectTimeout = TimeSpan.FromMilliseconds(o.ConnectTimeoutMs);
        MaxPayload = o.MaxPayload;
        MaxSessions = (2 * push.Value.MaxConnections) + 16;
    }

    public PushHub Hub { get; }

    public TimeProvider Time { get; }

    public TimeSpan PingInterval { get; }

    public TimeSpan PingTimeout { get; }

    public TimeSpan ConnectTimeout { get; }

    public int MaxPayload { get; }

    /// <summary>Gets how many Engine.IO sessions may be open at once, connected or not: twice the live clients, plus some for handshakes under way.</summary>
    public int MaxSessions { get; }

    /// <summary>A Socket.IO error payload: <c>{"message": …}</c>.</summary>
    public static string ErrorMessage(string message)
        => $"{{\"message\":{JsonSerializer.Serialize(message, SocketIoJsonContext.Relaxed.String)}}}";

    /// <summary>Whether a socket may connect: no key is set, the session's requests carried it, or the connect packet's auth holds it as <c>token</c>.</summary>
    public bool Authorized(bool headerHasKey, string? auth)
    {
        if (!_key.IsSet || headerHasKey)
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(auth))
        {
            return false;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(auth);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("token", out JsonElement token)
                && token.ValueKind == JsonValueKind.String
                && _key.Matches(token.GetString());
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The open session with this id, or null.</summary>
    public SocketIoSession? Find(string id) => _sessions.TryGetValue(id, out SocketIoSession? session) ? session : null;

    public void Forget(SocketIoSession session)
    {
        if (_sessions.TryRemove(new KeyValuePair<string, SocketIoSession>(session.Id, session)))
        {
            LogClosed(_logger, session.Id, session.Remote, session.CloseReason);
            session.Dispose();
        }
    }

    /// <summary>Closes every session (the service is stopping).</summary>
    public void CloseAll()
    {
        foreach (SocketIoSession session in _sessions.Values)
        {
            session.Close("the service is stopping");
        }
    }

    /// <summary>Serves one request under <c>/socket.io/</c>.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        IQueryCollection query = context.Request.Query;
        if (query["EIO"] != "4")
        {
            await RefuseAsync(context, 5, "Unsupported protocol version: this server speaks Engine.IO 4 (EIO=4), Socket.IO 3 and 4 clients").ConfigureAwait(false);
            return;
        }

        string? transport = query["transport"];
        if (transport is not ("polling" or "websocket"))
        {
            await RefuseAsync(context, 0, "Transport unknown: transport must be polling or websocket").ConfigureAwait(false);
            return;
        }

        bool webSocket = transport == "websocket";
        bool hasKey = _key.InHeader(context);
        string? sid = query["sid"];
        if (sid is null)
        {
            await OpenAsync(context, webSocket, hasKey).ConfigureAwait(false);
            return;
        }

        if (!_sessions.TryGetValue(sid, out SocketIoSession? session))
        {
            await RefuseAsync(context, 1, "Session ID unknown: it has closed or never existed; open a new session").ConfigureAwait(false);
            return;
        }

        if (session.IsClosed && !(!webSocket && HttpMethods.IsGet(context.Request.Method) && session.HasOutput))
        {
            Forget(session);
            await RefuseAsync(context, 1, "Session ID unknown: it has closed or never existed; open a new session").ConfigureAwait(false);
            return;
        }

        if (hasKey)
        {
            session.HeaderHasKey = true;
        }

        if (webSocket)
        {
            await UpgradeAsync(context, session).ConfigureAwait(false);
        }
        else if (session.Transport != SocketIoTransport.Polling)
        {
            await RefuseAsync(context, 3, "Bad request: this session has upgraded to WebSocket and takes no more polling requests").ConfigureAwait(false);
        }
        else if (HttpMethods.IsGet(context.Request.Method))
        {
            await PollAsync(context, session).ConfigureAwait(false);
        }
        else if (HttpMethods.IsPost(context.Request.Method))
        {
            await PostAsync(context, session).ConfigureAwait(false);
        }
        else
        {
            await RefuseAsync(context, 3, $"Bad request: polling takes GET and POST, not {context.Request.Method}").ConfigureAwait(false);
        }
    }

    private async Task OpenAsync(HttpContext context, bool webSocket, bool hasKey)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await RefuseAsync(context, 2, $"Bad handshake method: a session opens with GET, not {context.Request.Method}").ConfigureAwait(false);
            return;
        }

        if (webSocket && !context.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(context, 3, "Bad request: transport=websocket expects a WebSocket upgrade").ConfigureAwait(false);
            return;
        }

        if (_sessions.Count >= MaxSessions)
        {
            await RefuseAsync(context, 3, $"Too many Socket.IO sessions: {MaxSessions} are open (twice PISTAT_MAX_CONNECTIONS, plus 16); try again later", StatusCodes.Status503ServiceUnavailable).ConfigureAwait(false);
            return;
        }

        var session = new SocketIoSession(this, SocketIoSession.NewId(), webSocket, context.Connection.RemoteIpAddress, hasKey);
        _sessions[session.Id] = session;
        LogOpened(_logger, session.Id, session.Remote, webSocket ? "websocket" : "polling");
        if (!webSocket)
        {
            await WritePayloadAsync(context, [session.OpenPacket()]).ConfigureAwait(false);
            return;
        }

        try
        {
            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            await socket.SendAsync(session.OpenPacket(), WebSocketMessageType.Text, endOfMessage: true, context.RequestAborted).ConfigureAwait(false);
            await RunWebSocketAsync(context, session, socket).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
        }
        finally
        {
            session.Close("the WebSocket closed");
        }
    }

    /// <summary>Engine.IO's error answer: <c>{"code": n, "message": …}</c>, with 400 unless told otherwise.</summary>
    private static Task RefuseAsync(HttpContext context, int code, string message, int status = StatusCodes.Status400BadRequest)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync($"{{\"code\":{code},\"message\":{JsonSerializer.Serialize(message, SocketIoJsonContext.Relaxed.String)}}}", context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Socket.IO session {Session} opened by {Client} over {Transport}")]
    private static partial void LogOpened(ILogger logger, string session, System.Net.IPAddress? client, string transport);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Socket.IO session {Session} of {Client} closed: {Reason}")]
    private static partial void LogClosed(ILogger logger, string session, System.Net.IPAddress? client, string? reason);
}
