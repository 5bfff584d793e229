using System.ComponentModel.DataAnnotations;
using MonitorWorker.Configuration;
using static MonitorWorker.Configuration.SettingValues;

namespace MonitorWorker.SocketIo;

/// <summary>The Engine.IO timings and the largest message of the Socket.IO server; the defaults are the protocol's.</summary>
public sealed class SocketIoOptions
{
    public const int MinMs = 100;
    public const int MaxMs = 600_000;
    public const int MinPayloadBytes = 16 * 1024;
    public const int MaxPayloadBytes = 100_000_000;

    /// <summary>Gets or sets how often the Socket.IO server pings each session (PISTAT_SOCKETIO_PING_INTERVAL_MS).</summary>
    /// <value>The default value is 25000 ms, Engine.IO's.</value>
    [Range(MinMs, MaxMs)]
    public int PingIntervalMs { get; set; } = 25_000;

    /// <summary>Gets or sets how long a session may take to answer a ping before it is closed (PISTAT_SOCKETIO_PING_TIMEOUT_MS).</summary>
    /// <value>The default value is 20000 ms, Engine.IO's.</value>
    [Range(MinMs, MaxMs)]
    public int PingTimeoutMs { get; set; } = 20_000;

    /// <summary>Gets or sets how long a new session may take to connect to a namespace before it is closed (PISTAT_SOCKETIO_CONNECT_TIMEOUT_MS).</summary>
    /// <value>The default value is 45000 ms, Socket.IO's.</value>
    [Range(MinMs, MaxMs)]
    public int ConnectTimeoutMs { get; set; } = 45_000;

    /// <summary>Gets or sets the most bytes one polling request or WebSocket message may carry (PISTAT_SOCKETIO_MAX_PAYLOAD).</summary>
    /// <value>The default value is 1000000 bytes, Engine.IO's.</value>
    [Range(MinPayloadBytes, MaxPayloadBytes)]
    public int MaxPayload { get; set; } = 1_000_000;

    /// <summary>Gets this feature's PISTAT_ variables.</summary>
    public static IReadOnlyList<Setting<SocketIoOptions>> Settings { get; } =
    [
        Milliseconds("PISTAT_SOCKETIO_PING_INTERVAL_MS", o => o.PingIntervalMs, (o, x) => o.PingIntervalMs = x),
        Milliseconds("PISTAT_SOCKETIO_PING_TIMEOUT_MS", o => o.PingTimeoutMs, (o, x) => o.PingTimeoutMs = x),
        Milliseconds("PISTAT_SOCKETIO_CONNECT_TIMEOUT_MS", o => o.ConnectTimeoutMs, (o, x) => o.ConnectTimeoutMs = x),
        new("PISTAT_SOCKETIO_MAX_PAYLOAD", $"bytes from {MinPayloadBytes} to {MaxPayloadBytes}", o => Show(o.MaxPayload),
            (v, o) => WholeNumber(v, MinPayloadBytes, MaxPayloadBytes, "is not a number of bytes", x => o.MaxPayload = x)),
    ];

    private static Setting<SocketIoOptions> Milliseconds(string variable, Func<SocketIoOptions, int> get, Action<SocketIoOptions, int> set)
        => new(variable, $"milliseconds from {MinMs} to {MaxMs}", o => Show(get(o)),
            (v, o) => WholeNumber(v, MinMs, MaxMs, "is not a number of milliseconds", x => set(o, x)));
}
