using System.Globalization;
using HardwareProbes.IO;

namespace HardwareProbes.Network;

/// <summary>Parser for <c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c>.</summary>
public static class TcpSockets
{
    private const int ListenState = 0x0A;

    /// <summary>Counts the sockets that are not listening (established, closing, time-wait and the rest).</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The number of non-LISTEN sockets.</returns>
    /// <exception cref="FormatException">A socket line lacks its state field or the state is not hexadecimal.</exception>
    public static int CountNotListening(ReadOnlySpan<char> text)
    {
        int count = 0;
        int lineNumber = 0;
        foreach (ReadOnlySpan<char> line in text.EnumerateLines())
        {
            lineNumber++;
            if (lineNumber == 1 || line.IsWhiteSpace())
            {
                continue; // header: sl local_address rem_address st ...
            }

            var fields = TextLines.Fields(line);
            fields.Next(lineNumber, line, "slot");
            fields.Next(lineNumber, line, "local address");
            fields.Next(lineNumber, line, "remote address");
            ReadOnlySpan<char> state = fields.Next(lineNumber, line, "state");
            if (!int.TryParse(state, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int st))
            {
                throw TextLines.Malformed(lineNumber, line, $"'{state}' is not a hexadecimal socket state");
            }

            if (st != ListenState)
            {
                count++;
            }
        }

        return count;
    }
}
