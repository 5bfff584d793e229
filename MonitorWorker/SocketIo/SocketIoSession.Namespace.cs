using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using MonitorWorker.Push;

namespace MonitorWorker.SocketIo;

/// <summary>The Socket.IO layer of a session: CONNECT to the main namespace, events and DISCONNECT.</summary>
internal sealed partial class SocketIoSession
{
    /// <summary>
    /// Handles one Socket.IO packet: CONNECT and DISCONNECT of the main namespace; events and acknowledgements are
    /// ignored (this server only emits). False, and the session closed, when the packet breaks the protocol.
    /// </summary>
    private bool OnSocketIoPacket(string text)
    {
        if (!SocketIoPacket.TryParse(text, out SocketIoPacket packet, out string error))
        {
            return Fail(error);
        }

        switch (packet.Type)
        {
            case SocketIoPacketType.Connect:
                Connect(packet.Namespace, packet.Payload);
                break;
            case SocketIoPacketType.Disconnect when packet.Namespace == "/":
                Disconnect();
                break;
            default:
                break;
        }

        return true;
    }

    /// <summary>
    /// The client left the main namespace: no more samples, and the socket no longer counts as a live client. The
    /// Engine.IO session stays open (pings go on) so the client may connect again; one that does not within the connect
    /// timeout is closed, as a new session would be.
    /// </summary>
    private void Disconnect()
    {
        PushClient? client;
        lock (_gate)
        {
            client = Volatile.Read(ref _client);
            Volatile.Write(ref _client, null);
            _socketId = null;
        }

        if (client is not null)
        {
            _server.Hub.Leave(client);
            _connectTimer.Change(_server.ConnectTimeout, Timeout.InfiniteTimeSpan);
        }
    }

    private void Connect(string nameSpace, string? auth)
    {
        if (nameSpace != "/")
        {
            // The protocol's own wording: clients match on it.
            Send($"44{nameSpace},{{\"message\":\"Invalid namespace\"}}");
            return;
        }

        if (Volatile.Read(ref _socketId) is { } connected)
        {
            Send($"40{{\"sid\":\"{connected}\"}}"); // already connected: the same answer again
            return;
        }

        if (!_server.Authorized(HeaderHasKey, auth))
        {
            Send("44" + SocketIoServer.ErrorMessage("Missing or wrong API key: send it as the auth token ({\"token\": \"<PISTAT_API_KEY>\"}) or as Authorization: Bearer <PISTAT_API_KEY>"));
            return;
        }

        if (!_server.Hub.TryJoin(Remote, () => Close("the client took no sample for too long"), out PushClient? client))
        {
            Send("44" + SocketIoServer.ErrorMessage($"Too many live clients: {_server.Hub.MaxClients} are connected (PISTAT_MAX_CONNECTIONS); try again later"));
            return;
        }

        _connectTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        string socketId = NewId();
        Send($"40{{\"sid\":\"{socketId}\"}}");
        lock (_gate)
        {
            if (IsClosed)
            {
                _server.Hub.Leave(client!);
                return;
            }

            Volatile.Write(ref _client, client);
            Volatile.Write(ref _socketId, socketId);
        }
    }
}
