using HardwareProbes.IO;

namespace HardwareProbes.Network;

/// <summary>Parser for <c>/proc/net/dev</c>.</summary>
public static class NetDev
{
    /// <summary>Parses every interface line; names are split off at the first colon, so long names glued to the counters work.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>One entry per interface, <c>lo</c> included, in file order.</returns>
    /// <exception cref="FormatException">An interface line has fewer than 16 counters or a counter is not numeric.</exception>
    public static IReadOnlyList<InterfaceCounters> Parse(ReadOnlySpan<char> text)
    {
        var interfaces = new List<InterfaceCounters>();
        int lineNumber = 0;
        Span<ulong> c = stackalloc ulong[16];
        foreach (ReadOnlySpan<char> line in text.EnumerateLines())
        {
            lineNumber++;
            int colon = line.IndexOf(':');
            if (colon < 0 || line.Contains('|'))
            {
                continue; // the two header lines
            }

            ReadOnlySpan<char> name = line[..colon].Trim();
            if (name.IsEmpty)
            {
                throw TextLines.Malformed(lineNumber, line, "empty interface name");
            }

            var fields = TextLines.Fields(line[(colon + 1)..]);
            fields.NextCounters(c, lineNumber, line);

            // receive: bytes packets errs drop fifo frame compressed multicast; transmit: bytes packets errs drop fifo colls carrier compressed
            interfaces.Add(new InterfaceCounters(name.ToString(), c[0], c[1], c[2], c[3], c[8], c[9], c[10], c[11]));
        }

        return interfaces;
    }
}
