using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MonitorWorker.Push;

namespace MonitorWorker.SocketIo;

/// <summary>The HTTP long-polling transport: GETs that wait for packets, POSTs that carry the client's.</summary>
internal sealed partial class SocketIoServer
{
    /// <summary>A long-polling GET: waits for packets and answers them together, separated by the record separator.</summary>
    private async Task PollAsync(HttpContext context, SocketIoSession session)
    {
        if (!session.TryBeginPoll())
        {
            session.Close("protocol error: a second polling GET while one was waiting");
            await RefuseAsync(context, 3, "Bad request: a second polling GET while one was waiting; the session is closed").ConfigureAwait(false);
            return;
        }

        try
        {
            var packets = new List<ReadOnlyMemory<byte>>();
            while (packets.Count == 0)
            {
                try
                {
                    await session.WaitForOutputAsync(context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return; // the client went away
                }

                int room = MaxPayload;
                while ((packets.Count == 0 || session.NextFits(room - 1)) && session.TryTake(out ReadOnlyMemory<byte> packet))
                {
                    packets.Add(packet);
                    room -= packet.Length + 1;
                }

                // Woken with nothing to take (the socket left the namespace as a sample was due): an empty payload is
                // not a packet, so wait again; a closed session always has its close packet queued.
                if (packets.Count == 0 && session.IsClosed)
                {
                    break;
                }
            }

            await WritePayloadAsync(context, packets).ConfigureAwait(false);
        }
        finally
        {
            session.EndPoll();
            if (session.IsClosed)
            {
                Forget(session);
            }
        }
    }

    /// <summary>A polling POST: the client's packets, separated by the record separator; answered <c>ok</c>.</summary>
    private async Task PostAsync(HttpContext context, SocketIoSession session)
    {
        byte[]? body = await Http.BoundedBody.ReadAsync(context.Request, MaxPayload, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            session.Close($"a payload over {MaxPayload} bytes (PISTAT_SOCKETIO_MAX_PAYLOAD)");
            await RefuseAsync(context, 3, $"Payload too large: over {MaxPayload} bytes (PISTAT_SOCKETIO_MAX_PAYLOAD); the session is closed", StatusCodes.Status413PayloadTooLarge).ConfigureAwait(false);
            return;
        }

        ReadOnlySpan<byte> rest = body;
        while (true)
        {
            int end = rest.IndexOf(SocketIoSession.Separator);
            ReadOnlySpan<byte> packet = end < 0 ? rest : rest[..end];
            if (!session.Receive(packet))
            {
                await RefuseAsync(context, 3, $"Bad request: {session.CloseReason}; the session is closed").ConfigureAwait(false);
                return;
            }

            if (end < 0)
            {
                break;
            }

            rest = rest[(end + 1)..];
        }

        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync("ok", context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WritePayloadAsync(HttpContext context, List<ReadOnlyMemory<byte>> packets)
    {
        context.Response.ContentType = "text/plain; charset=UTF-8";
        context.Response.Headers.CacheControl = "no-store";
        int length = packets.Sum(p => p.Length) + Math.Max(0, packets.Count - 1);
        context.Response.ContentLength = length;
        for (int i = 0; i < packets.Count; i++)
        {
            if (i > 0)
            {
                await context.Response.Body.WriteAsync(new[] { SocketIoSession.Separator }, context.RequestAborted).ConfigureAwait(false);
            }

            await context.Response.Body.WriteAsync(packets[i], context.RequestAborted).ConfigureAwait(false);
        }
    }
}
