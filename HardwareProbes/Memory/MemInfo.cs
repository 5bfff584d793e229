using HardwareProbes.IO;

namespace HardwareProbes.Memory;

/// <summary>The lines of <c>/proc/meminfo</c> the memory and swap readings need, in bytes.</summary>
/// <param name="MemTotalBytes">MemTotal.</param>
/// <param name="MemFreeBytes">MemFree.</param>
/// <param name="MemAvailableBytes">MemAvailable; null on kernels before 3.14, which do not print it.</param>
/// <param name="BuffersBytes">Buffers.</param>
/// <param name="CachedBytes">Cached (page cache, without SReclaimable).</param>
/// <param name="SReclaimableBytes">SReclaimable; null on kernels that do not print it.</param>
/// <param name="ActiveFileBytes">Active(file); null where absent.</param>
/// <param name="InactiveFileBytes">Inactive(file); null where absent.</param>
/// <param name="SwapTotalBytes">SwapTotal.</param>
/// <param name="SwapFreeBytes">SwapFree.</param>
/// <param name="SwapCachedBytes">SwapCached: pages that are both in swap and in memory; null where absent.</param>
public sealed record MemInfo(
    long MemTotalBytes,
    long MemFreeBytes,
    long? MemAvailableBytes,
    long BuffersBytes,
    long CachedBytes,
    long? SReclaimableBytes,
    long? ActiveFileBytes,
    long? InactiveFileBytes,
    long SwapTotalBytes,
    long SwapFreeBytes,
    long? SwapCachedBytes = null)
{
    /// <summary>Parses the text of <c>/proc/meminfo</c>. Values in kB become bytes; lines not listed above are skipped.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The parsed values.</returns>
    /// <exception cref="FormatException">
    /// MemTotal or MemFree is missing; a needed line's value is not a number or overflows a byte count (the message names
    /// the line); MemTotal is 0; or MemFree or MemAvailable exceed MemTotal, or SwapFree exceeds SwapTotal.
    /// </exception>
    public static MemInfo Parse(ReadOnlySpan<char> text)
    {
        long? total = null, free = null, available = null, buffers = null, cached = null;
        long? reclaimable = null, activeFile = null, inactiveFile = null, swapTotal = null, swapFree = null, swapCached = null;
        int lineNumber = 0;
        foreach (ReadOnlySpan<char> line in text.EnumerateLines())
        {
            lineNumber++;
            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                if (line.IsWhiteSpace())
                {
                    continue;
                }

                throw TextLines.Malformed(lineNumber, line, "no 'Name:' label");
            }

            ReadOnlySpan<char> name = line[..colon];
            ref long? slot = ref Slot(name, ref total, ref free, ref available, ref buffers, ref cached, ref reclaimable, ref activeFile, ref inactiveFile, ref swapTotal, ref swapFree, ref swapCached, out bool known);
            if (!known)
            {
                continue;
            }

            var fields = TextLines.Fields(line[(colon + 1)..]);
            long value = TextLines.ParseNonNegativeInt64(fields.Next(lineNumber, line, "value"), lineNumber, line);
            bool inKilobytes = fields.MoveNext() && fields.Current.Equals("kB", StringComparison.Ordinal);
            slot = inKilobytes ? TextLines.Scale(value, 1024, lineNumber, line) : value;
        }

        if (total is null || free is null)
        {
            throw TextLines.MalformedFile(total is null ? "no MemTotal line" : "no MemFree line");
        }

        // The kernel derives these from the same page counts: a file that breaks them is not a reading of one machine.
        if (total == 0)
        {
            throw TextLines.MalformedFile("MemTotal is 0");
        }

        Within("MemFree", free.Value, "MemTotal", total.Value);
        Within("MemAvailable", available, "MemTotal", total.Value);
        Within("SwapFree", swapFree, "SwapTotal", swapTotal ?? 0);

        return new MemInfo(total.Value, free.Value, available, buffers ?? 0, cached ?? 0, reclaimable, activeFile, inactiveFile, swapTotal ?? 0, swapFree ?? 0, swapCached);
    }

    private static void Within(string name, long? value, string limitName, long limit)
    {
        if (value > limit)
        {
            throw TextLines.MalformedFile($"{name} ({value} bytes) exceeds {limitName} ({limit} bytes)");
        }
    }

    private static ref long? Slot(
        ReadOnlySpan<char> name,
        ref long? total,
        ref long? free,
        ref long? available,
        ref long? buffers,
        ref long? cached,
        ref long? reclaimable,
        ref long? activeFile,
        ref long? inactiveFile,
        ref long? swapTotal,
        ref long? swapFree,
        ref long? swapCached,
        out bool known)
    {
        known = true;
        switch (name)
        {
            case "MemTotal": return ref total;
            case "MemFree": return ref free;
            case "MemAvailable": return ref available;
            case "Buffers": return ref buffers;
            case "Cached": return ref cached;
            case "SReclaimable": return ref reclaimable;
            case "Active(file)": return ref activeFile;
            case "Inactive(file)": return ref inactiveFile;
            case "SwapTotal": return ref swapTotal;
            case "SwapFree": return ref swapFree;
            case "SwapCached": return ref swapCached;
            default:
                known = false;
                return ref total;
        }
    }
}
