namespace HardwareProbes.Network;

/// <summary>One interface of <c>/proc/net/dev</c> (psutil's <c>net_io_counters(pernic=True)</c> fields).</summary>
/// <param name="Name">Interface name.</param>
/// <param name="BytesReceived">Bytes received.</param>
/// <param name="PacketsReceived">Packets received.</param>
/// <param name="ErrorsIn">Receive errors.</param>
/// <param name="DropsIn">Received packets dropped.</param>
/// <param name="BytesSent">Bytes sent.</param>
/// <param name="PacketsSent">Packets sent.</param>
/// <param name="ErrorsOut">Transmit errors.</param>
/// <param name="DropsOut">Transmitted packets dropped.</param>
public readonly record struct InterfaceCounters(
    string Name,
    ulong BytesReceived,
    ulong PacketsReceived,
    ulong ErrorsIn,
    ulong DropsIn,
    ulong BytesSent,
    ulong PacketsSent,
    ulong ErrorsOut,
    ulong DropsOut);
