using System.Text.Json;

namespace MonitorWorker.SocketIo;

/// <summary>The seven Socket.IO 5 packet types, by the digit that starts a packet.</summary>
internal enum SocketIoPacketType
{
    Connect = 0,
    Disconnect = 1,
    Event = 2,
    Ack = 3,
    ConnectError = 4,
    BinaryEvent = 5,
    BinaryAck = 6,
}

/// <summary>
/// A Socket.IO 5 packet as a client sends it inside an Engine.IO message: its type, namespace, acknowledgement id and
/// JSON payload, validated as the protocol's reference decoder validates them. A packet that fails is a protocol error,
/// and the server closes the connection that carried it.
/// </summary>
/// <remarks>
/// The text form is <c>&lt;type&gt;[&lt;attachments&gt;-][/&lt;namespace&gt;,][&lt;ack id&gt;][&lt;JSON payload&gt;]</c>.
/// Payload rules: CONNECT takes an object (the auth data) or nothing; DISCONNECT takes nothing; CONNECT_ERROR a string
/// or an object; EVENT and BINARY_EVENT an array whose first element is a number or an event name that is not reserved;
/// ACK and BINARY_ACK an array.
/// </remarks>
internal readonly record struct SocketIoPacket(SocketIoPacketType Type, string Namespace, long? AckId, string? Payload)
{
    /// <summary>Event names a client may not emit: the socket's own lifecycle events.</summary>
    private static readonly string[] ReservedEvents = ["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"];

    /// <summary>Parses one packet; false with the reason when it breaks the protocol.</summary>
    public static bool TryParse(string text, out SocketIoPacket packet, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        packet = default;
        if (text.Length == 0 || text[0] is < '0' or > '6')
        {
            error = text.Length == 0 ? "an empty Socket.IO packet" : $"an unknown Socket.IO packet type '{text[0]}'";
            return false;
        }

        var type = (SocketIoPacketType)(text[0] - '0');
        int i = 1;
        if (type is SocketIoPacketType.BinaryEvent or SocketIoPacketType.BinaryAck)
        {
            int dash = text.IndexOf('-', i);
            if (dash <= i || text.AsSpan(i, dash - i).ContainsAnyExceptInRange('0', '9'))
            {
                error = "a binary packet without its attachment count";
                return false;
            }

            i = dash + 1;
        }

        string nameSpace = "/";
        if (i < text.Length && text[i] == '/')
        {
            int comma = text.IndexOf(',', i);
            int end = comma < 0 ? text.Length : comma;
            nameSpace = text[i..end];
            i = comma < 0 ? text.Length : comma + 1;
        }

        long? ackId = null;
        int digits = i;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits > i)
        {
            if (digits - i > 15)
            {
                error = "an acknowledgement id of more than 15 digits";
                return false;
            }

            ackId = long.Parse(text.AsSpan(i, digits - i), System.Globalization.CultureInfo.InvariantCulture);
            i = digits;
        }

        string? payload = i < text.Length ? text[i..] : null;
        if (payload is not null && !PayloadFits(type, payload))
        {
            error = $"an invalid payload for a {type} packet";
            return false;
        }

        packet = new SocketIoPacket(type, nameSpace, ackId, payload);
        error = "";
        return true;
    }

    private static bool PayloadFits(SocketIoPacketType type, string payload)
    {
        if (type == SocketIoPacketType.Disconnect)
        {
            return false;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            JsonElement root = document.RootElement;
            return type switch
            {
                SocketIoPacketType.Connect => root.ValueKind == JsonValueKind.Object,
                SocketIoPacketType.ConnectError => root.ValueKind is JsonValueKind.Object or JsonValueKind.String,
                SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent => root.ValueKind == JsonValueKind.Array
                    && root.GetArrayLength() > 0
                    && (root[0].ValueKind == JsonValueKind.Number
                        || (root[0].ValueKind == JsonValueKind.String && !ReservedEvents.Contains(root[0].GetString(), StringComparer.Ordinal))),
                _ => root.ValueKind == JsonValueKind.Array,
            };
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
