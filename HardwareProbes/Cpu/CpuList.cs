using System.Globalization;
using HardwareProbes.IO;

namespace HardwareProbes.Cpu;

/// <summary>Parser for the kernel's CPU list format (<c>/sys/devices/system/cpu/online</c>, <c>present</c>, <c>offline</c>).</summary>
public static class CpuList
{
    /// <summary>Parses a list such as <c>0-1,4-5,8</c>; an empty file (no offline CPUs) is an empty list.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The CPU ids in ascending order.</returns>
    /// <exception cref="FormatException">A range is not of the form <c>N</c> or <c>N-M</c> with N ≤ M.</exception>
    public static IReadOnlyList<int> Parse(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> rest = text.Trim();
        var ids = new List<int>();
        while (!rest.IsEmpty)
        {
            int comma = rest.IndexOf(',');
            ReadOnlySpan<char> range = (comma < 0 ? rest : rest[..comma]).Trim();
            rest = comma < 0 ? default : rest[(comma + 1)..];
            int dash = range.IndexOf('-');
            if (!TryId(dash < 0 ? range : range[..dash], out int first)
                || !TryId(dash < 0 ? range : range[(dash + 1)..], out int last)
                || last < first
                || last - first > 65536)
            {
                throw TextLines.Malformed(1, text.Trim(), $"'{range}' is not a CPU or a CPU range");
            }

            for (int id = first; id <= last; id++)
            {
                ids.Add(id);
            }
        }

        ids.Sort();
        return ids;
    }

    private static bool TryId(ReadOnlySpan<char> text, out int id)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
}
