using System.Globalization;
using System.Text;

namespace MonitorWorker.Demo;

/// <summary>The demo's traffic and disk I/O, written into copies of real <c>/proc/net/dev</c> and <c>/proc/diskstats</c> lines as counters that only grow.</summary>
internal static class DemoCounters
{
    /// <summary>A <c>/proc/net/dev</c> line with its byte and packet counters grown by the demo's traffic.</summary>
    public static string? NetDevLine(string line, int index, double t)
    {
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        string name = colon < 0 ? string.Empty : line[..colon].Trim();
        if (colon < 0 || name == "lo")
        {
            return null;
        }

        string[] fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 16)
        {
            return null;
        }

        // Bytes so far: the integral of a rate that swings between 40 and 160 kB/s, so the counter never goes back.
        long rx = (long)((40_000 * t) + (60_000 * (t - (17 * (Math.Cos((t / 17) + index) - Math.Cos(index))))));
        long tx = rx / 4;
        fields[0] = Grow(fields[0], rx);
        fields[1] = Grow(fields[1], rx / 900);
        fields[8] = Grow(fields[8], tx);
        fields[9] = Grow(fields[9], tx / 600);
        return $"{line[..(colon + 1)]} {string.Join(' ', fields)}";
    }

    /// <summary>A <c>/proc/diskstats</c> line with reads, writes and sectors grown by the demo's I/O.</summary>
    public static string? DiskLine(string line, int index, double t)
    {
        string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 14)
        {
            return null;
        }

        // Reads so far: the integral of a rate that swings between 3 and 23 a second; writes at a steady 5 a second.
        long reads = (long)((3 * t) + (10 * (t - (13 * Math.Cos(t / 13)) + 13)));
        long writes = (long)(t * 5);
        fields[3] = Grow(fields[3], reads);
        fields[5] = Grow(fields[5], reads * 64);
        fields[7] = Grow(fields[7], writes);
        fields[9] = Grow(fields[9], writes * 16);
        return $"{fields[0],4} {fields[1],7} {string.Join(' ', fields.Skip(2))}";
    }

    private static string Grow(string counter, long by)
        => ulong.TryParse(counter, CultureInfo.InvariantCulture, out ulong value) ? (value + (ulong)Math.Max(0, by)).ToString(CultureInfo.InvariantCulture) : counter;

    /// <summary>Every line grown by <paramref name="grow"/> (a line it returns null for stays as it is).</summary>
    public static string Grown(string[] lines, double t, Func<string, int, double, string?> grow)
    {
        var text = new StringBuilder();
        for (int i = 0; i < lines.Length; i++)
        {
            text.Append(grow(lines[i], i, t) ?? lines[i]).Append('\n');
        }

        return text.ToString();
    }
}
