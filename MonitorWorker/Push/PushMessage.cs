using System.Text;
using MonitorWorker.TegrastatsApi;
using MonitorWorker.Sampling;

namespace MonitorWorker.Push;

/// <summary>
/// One <c>tegrastats_update</c>, framed once for every client of each transport: a Socket.IO event packet, a WebSocket text message
/// <c>{"event":"tegrastats_update","data":&lt;/api/status body&gt;}</c> and a Server-Sent Event
/// <c>event: tegrastats_update</c> / <c>data: &lt;/api/status body&gt;</c>.
/// </summary>
public sealed class PushMessage
{
    public const string EventName = "tegrastats_update";

    /// <summary>The push message of a snapshot, framed around its Tegrastats API body, in the service's one per-snapshot cache.</summary>
    public static readonly SnapshotView<PushMessage> View = new("push", (snapshot, views) => new PushMessage(views.Get(snapshot, ApiStatusView.View).Body));

    private static readonly byte[] WebSocketPrefix = Encoding.UTF8.GetBytes($"{{\"event\":\"{EventName}\",\"data\":");
    private static readonly byte[] SsePrefix = Encoding.UTF8.GetBytes($"event: {EventName}\ndata: ");

    // Engine.IO message (4) carrying a Socket.IO event (2) on the main namespace.
    private static readonly byte[] SocketIoPrefix = Encoding.UTF8.GetBytes($"42[\"{EventName}\",");

    public PushMessage(byte[] statusBody)
    {
        ArgumentNullException.ThrowIfNull(statusBody);
        WebSocketFrame = (byte[])[.. WebSocketPrefix, .. statusBody, (byte)'}'];
        ServerSentEvent = (byte[])[.. SsePrefix, .. statusBody, (byte)'\n', (byte)'\n'];
        SocketIoPacket = (byte[])[.. SocketIoPrefix, .. statusBody, (byte)']'];
    }

    /// <summary>Gets the WebSocket text message.</summary>
    public ReadOnlyMemory<byte> WebSocketFrame { get; }

    /// <summary>Gets the Server-Sent Event, with its blank-line terminator.</summary>
    public ReadOnlyMemory<byte> ServerSentEvent { get; }

    /// <summary>Gets the Engine.IO packet <c>42["tegrastats_update",&lt;/api/status body&gt;]</c>.</summary>
    public ReadOnlyMemory<byte> SocketIoPacket { get; }
}
