using System.Net;
using System.Net.Sockets;

namespace MonitorWorker.Service;

/// <summary>
/// The machine's primary IP address: the source address the kernel picks for a packet to the internet, found by
/// "connecting" a UDP socket (no packet is sent) to a documentation address. Null on a machine with no route. Looked
/// up at most once a minute, since DHCP may change it.
/// </summary>
public static class HostAddress
{
    private static readonly IPEndPoint Probe = new(IPAddress.Parse("192.0.2.1"), 9); // TEST-NET-1, never routed anywhere real
    private static readonly Lock Gate = new();
    private static (long At, string? Address)? _cached;

    /// <summary>Gets the primary address, or null.</summary>
    public static string? Primary
    {
        get
        {
            long now = Environment.TickCount64;
            lock (Gate)
            {
                if (_cached is { } cached && now - cached.At < 60_000)
                {
                    return cached.Address;
                }
            }

            string? address = Find();
            lock (Gate)
            {
                _cached = (now, address);
            }

            return address;
        }
    }

    private static string? Find()
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(Probe);
            return socket.LocalEndPoint is IPEndPoint local && !IPAddress.Any.Equals(local.Address) ? local.Address.ToString() : null;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
