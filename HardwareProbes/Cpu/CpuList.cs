using System.Globalization;
using HardwareProbes.IO;

namespace HardwareProbes.Cpu;

/// <summary>Parser for the kernel's CPU list format (<c>/sys/devices/system/cpu/online</c>, <c>present</c>, <c>offline</c>).</summary>
public static class CpuList
{
    /// <summary>
    /// The highest CPU id the probes accept: 4095, the largest <c>CONFIG_NR_CPUS</c> of mainstream distribution kernels
    /// (x86-64 and arm64 build with 4096 or less; the kernel's own maximum is 8192). A list or <c>/proc/stat</c> line naming
    /// a higher id is reported as malformed instead of allocating room for billions of CPUs.
    /// </summary>
    public const int MaxCpuId = 4095;

    /// <summary>Parses a list such as <c>0-1,4-5,8</c>; an empty file (no offline CPUs) is an empty list.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The CPU ids in ascending order.</returns>
    /// <exception cref="FormatException">A range is not of the form <c>N</c> or <c>N-M</c> with N ≤ M, or names a CPU above <see cref="MaxCpuId"/>.</exception>
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
                || last < first)
            {
                throw TextLines.Malformed(1, text.Trim(), $"'{range}' is not a CPU or a CPU range");
            }

            if (last > MaxCpuId)
            {
                throw TextLines.Malformed(1, text.Trim(), $"'{range}' names CPU {last}, above the highest supported id {MaxCpuId}");
            }

            for (int id = first; id <= last; id++)
            {
                ids.Add(id);
            }
        }

        ids.Sort();
        RemoveRepeats(ids);
        return ids;
    }

    /// <summary>A list such as <c>0-3,2</c> names CPU 2 twice; each id appears once in the result.</summary>
    private static void RemoveRepeats(List<int> sorted)
    {
        int kept = 0;
        for (int i = 0; i < sorted.Count; i++)
        {
            if (kept == 0 || sorted[i] != sorted[kept - 1])
            {
                sorted[kept++] = sorted[i];
            }
        }

        sorted.RemoveRange(kept, sorted.Count - kept);
    }

    private static bool TryId(ReadOnlySpan<char> text, out int id)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
}
