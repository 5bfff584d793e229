using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MonitorWorker.Push;

namespace MonitorWorker.SocketIo;

/// <summary>The WebSocket transport: a session opened on it, or a polling session's upgrade to it.</summary>
internal sealed partial class SocketIoServer
{
    private async Task UpgradeAsync(HttpContext context, SocketIoSession session)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(context, 3, "Bad request: transport=websocket expects a WebSocket upgrade").ConfigureAwait(false);
            return;
        }

        if (session.Transport != SocketIoTransport.Polling || session.Upgrading)
        {
            await RefuseAsync(context, 3, "Bad request: this session is already on WebSocket or upgrading").ConfigureAwait(false);
            return;
        }

        bool upgraded = false;
        try
        {
            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            byte[] buffer = new byte[64];
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, session.Closed))
            {
                deadline.CancelAfter(UpgradeTimeout);
                if (await ReceiveSmallAsync(socket, buffer, deadline.Token).ConfigureAwait(false) != "2probe")
                {
                    return;
                }

                await socket.SendAsync("3probe"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, deadline.Token).ConfigureAwait(false);
                session.BeginUpgrade();
                if (await ReceiveSmallAsync(socket, buffer, deadline.Token).ConfigureAwait(false) != "5")
                {
                    session.AbandonUpgrade();
                    return;
                }
            }

            session.CompleteUpgrade();
            upgraded = true;
            await RunWebSocketAsync(context, session, socket).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            if (!upgraded)
            {
                session.AbandonUpgrade();
            }
        }
        finally
        {
            if (upgraded)
            {
                session.Close("the WebSocket closed");
            }
        }
    }

    /// <summary>One short text message of the upgrade handshake, or null.</summary>
    private static async Task<string?> ReceiveSmallAsync(WebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        WebSocketReceiveResult received = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
        return received.MessageType == WebSocketMessageType.Text && received.EndOfMessage
            ? Encoding.UTF8.GetString(buffer, 0, received.Count)
            : null;
    }

    /// <summary>A session on WebSocket: each packet is one text message, both ways, until either side closes.</summary>
    private async Task RunWebSocketAsync(HttpContext context, SocketIoSession session, WebSocket socket)
    {
        // The receive loop is never cancelled while the socket is healthy (a cancelled receive aborts a WebSocket):
        // when the session ends, the close frame sent below makes the client answer with its own, which ends it.
        Task receiving = ReceiveAsync(session, socket, context.RequestAborted);
        Task sending = SendAsync(session, socket, context.RequestAborted);
        await Task.WhenAny(receiving, sending).ConfigureAwait(false);
        session.Close("the WebSocket closed");
        await sending.ConfigureAwait(false);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, Truncate(session.CloseReason), closing.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
        }

        if (await Task.WhenAny(receiving, Task.Delay(TimeSpan.FromSeconds(1), context.RequestAborted)).ConfigureAwait(false) != receiving)
        {
            socket.Abort();
        }
    }

    /// <summary>A close frame's reason holds at most 123 bytes.</summary>
    private static string? Truncate(string? reason) => reason is { Length: > 120 } ? reason[..120] : reason;

    private async Task ReceiveAsync(SocketIoSession session, WebSocket socket, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[4096];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                WebSocketReceiveResult received = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    session.Close("the client closed the WebSocket");
                    return;
                }

                if (message.Length + received.Count > MaxPayload)
                {
                    session.Close($"a message over {MaxPayload} bytes (PISTAT_SOCKETIO_MAX_PAYLOAD)");
                    return;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                // Binary messages carry Socket.IO attachments, which this server's one event never needs.
                if (received.MessageType == WebSocketMessageType.Text && !session.Receive(message.GetBuffer().AsSpan(0, (int)message.Length)))
                {
                    return;
                }

                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
        }
    }

    /// <summary>Sends what waits until the session closes; then its last packet (the close) if the client still reads.</summary>
    private static async Task SendAsync(SocketIoSession session, WebSocket socket, CancellationToken aborted)
    {
        try
        {
            using var live = CancellationTokenSource.CreateLinkedTokenSource(aborted, session.Closed);
            while (!session.IsClosed)
            {
                await session.WaitForOutputAsync(live.Token).ConfigureAwait(false);
                while (!session.IsClosed && session.TryTake(out ReadOnlyMemory<byte> packet))
                {
                    await socket.SendAsync(packet, WebSocketMessageType.Text, endOfMessage: true, live.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
        }

        try
        {
            using var last = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            last.CancelAfter(TimeSpan.FromSeconds(1));
            while (socket.State == WebSocketState.Open && session.TryTake(out ReadOnlyMemory<byte> packet))
            {
                await socket.SendAsync(packet, WebSocketMessageType.Text, endOfMessage: true, last.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
        }
    }
}
