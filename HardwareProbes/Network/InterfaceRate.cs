namespace HardwareProbes.Network;

/// <summary>
/// One interface's traffic per second between two consecutive snapshots, from <c>/proc/net/dev</c>. A counter that
/// went backwards (the interface was re-created, or the counter wrapped) gives null for that figure and that sample.
/// </summary>
/// <param name="Name">Interface name.</param>
/// <param name="ReceiveBytesPerSecond">Bytes received per second.</param>
/// <param name="SendBytesPerSecond">Bytes sent per second.</param>
/// <param name="ReceivePacketsPerSecond">Packets received per second.</param>
/// <param name="SendPacketsPerSecond">Packets sent per second.</param>
public sealed record InterfaceRate(string Name, double? ReceiveBytesPerSecond, double? SendBytesPerSecond, double? ReceivePacketsPerSecond, double? SendPacketsPerSecond)
{
    /// <summary>The rate of one counter over <paramref name="seconds"/>; null when it went backwards or no time passed.</summary>
    internal static double? Of(ulong before, ulong after, double seconds)
        => after >= before && seconds > 0 ? (after - before) / seconds : null;

    /// <summary>Rates of every interface in both readings, in the newer reading's order.</summary>
    internal static List<InterfaceRate> Between(IReadOnlyList<InterfaceCounters> before, IReadOnlyList<InterfaceCounters> after, double seconds)
    {
        var rates = new List<InterfaceRate>(after.Count);
        foreach (InterfaceCounters now in after)
        {
            foreach (InterfaceCounters then in before)
            {
                if (then.Name == now.Name)
                {
                    rates.Add(new InterfaceRate(
                        now.Name,
                        Of(then.BytesReceived, now.BytesReceived, seconds),
                        Of(then.BytesSent, now.BytesSent, seconds),
                        Of(then.PacketsReceived, now.PacketsReceived, seconds),
                        Of(then.PacketsSent, now.PacketsSent, seconds)));
                    break;
                }
            }
        }

        return rates;
    }
}
