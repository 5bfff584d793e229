using System.Text;
using HardwareProbes.IO;

namespace HardwareProbes.Cpu;

/// <summary>The CPU lines of <c>/proc/stat</c>: the aggregate and one entry per online CPU.</summary>
/// <param name="Total">The aggregate <c>cpu</c> line.</param>
/// <param name="Cores">The <c>cpuN</c> lines in file order; offline CPUs have no line.</param>
public sealed record CpuCounters(CpuTimes Total, IReadOnlyList<CoreTimes> Cores)
{
    /// <summary>The largest sum of a line's counters accepted: 2⁶² ticks, over a billion years at 100 Hz on 4096 CPUs.</summary>
    private const ulong MaxTicks = 1UL << 62;

    /// <summary>Parses the text of <c>/proc/stat</c>. Only the leading <c>cpu</c> lines are read.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The parsed counters.</returns>
    /// <exception cref="FormatException">
    /// The aggregate line is missing; a cpu line is truncated, not numeric, repeated, or names an id above
    /// <see cref="CpuList.MaxCpuId"/>; or its counters are too large to be ticks. The message names the line.
    /// </exception>
    public static CpuCounters Parse(ReadOnlySpan<char> text)
    {
        CpuTimes? total = null;
        var cores = new List<CoreTimes>(8);
        Span<ulong> seen = stackalloc ulong[(CpuList.MaxCpuId + 64) / 64]; // one bit per possible id: repeats are found without a search
        int lineNumber = 0;
        foreach (ReadOnlySpan<char> line in text.EnumerateLines())
        {
            lineNumber++;
            if (!line.StartsWith("cpu"))
            {
                if (total is not null)
                {
                    break; // the cpu lines come first; the rest (intr can be >100 KB) is not needed
                }

                continue;
            }

            var fields = TextLines.Fields(line);
            ReadOnlySpan<char> label = fields.Next(lineNumber, line, "cpu label");
            CpuTimes times = ParseTimes(ref fields, lineNumber, line);
            if (label.Length == 3)
            {
                total = times;
            }
            else
            {
                ulong id = TextLines.ParseUInt64(label[3..], lineNumber, line);
                if (id > CpuList.MaxCpuId)
                {
                    throw TextLines.Malformed(lineNumber, line, $"CPU id {id} is above the highest supported id {CpuList.MaxCpuId}");
                }

                ref ulong word = ref seen[(int)id >> 6];
                ulong bit = 1UL << (int)(id & 63);
                if ((word & bit) != 0)
                {
                    throw TextLines.Malformed(lineNumber, line, $"a second line for cpu{id}");
                }

                word |= bit;

                cores.Add(new CoreTimes((int)id, times));
            }
        }

        return total is null
            ? throw TextLines.MalformedFile("no aggregate 'cpu' line")
            : new CpuCounters(total.Value, cores);
    }

    private static CpuTimes ParseTimes(ref TextLines.FieldEnumerator fields, int lineNumber, ReadOnlySpan<char> line)
    {
        // user nice system idle are always there; later kernels appended iowait irq softirq steal guest guest_nice.
        Span<ulong> values = stackalloc ulong[10];
        int count = 0;
        while (count < values.Length && fields.MoveNext())
        {
            values[count++] = TextLines.ParseUInt64(fields.Current, lineNumber, line);
        }

        if (count < 4)
        {
            throw TextLines.Malformed(lineNumber, line, $"{count} counters, at least 4 expected");
        }

        // Busy and Total add six and eight counters: values that would wrap the sum cannot be ticks since boot.
        ulong sum = 0;
        for (int i = 0; i < 8; i++)
        {
            if (values[i] > MaxTicks || (sum += values[i]) > MaxTicks)
            {
                throw TextLines.Malformed(lineNumber, line, "counters too large to be ticks since boot");
            }
        }

        return new CpuTimes(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8], values[9]);
    }

    private bool PrintMembers(StringBuilder builder)
    {
        Printing.Member(builder, nameof(Total), Total, first: true);
        Printing.List(builder, nameof(Cores), Cores);
        return true;
    }
}
