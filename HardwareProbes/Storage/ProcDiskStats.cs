using HardwareProbes.IO;

namespace HardwareProbes.Storage;

/// <summary>Parser for <c>/proc/diskstats</c>, whose lines carry 14, 18 (4.18+, discard) or 20 (5.5+, flush) fields, mixed in one file.</summary>
public static class ProcDiskStats
{
    /// <summary>Parses every device line.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>One entry per line, in file order.</returns>
    /// <exception cref="FormatException">A line has fewer than 14 fields or a counter is not numeric; the message names the line.</exception>
    public static IReadOnlyList<DiskDeviceCounters> Parse(ReadOnlySpan<char> text)
    {
        var disks = new List<DiskDeviceCounters>();
        int lineNumber = 0;
        Span<ulong> counters = stackalloc ulong[11];
        foreach (ReadOnlySpan<char> line in text.EnumerateLines())
        {
            lineNumber++;
            if (line.IsWhiteSpace())
            {
                continue;
            }

            var fields = TextLines.Fields(line);
            int major = DeviceNumber(fields.Next(lineNumber, line, "major number"), lineNumber, line);
            int minor = DeviceNumber(fields.Next(lineNumber, line, "minor number"), lineNumber, line);
            string name = fields.Next(lineNumber, line, "device name").ToString();
            fields.NextCounters(counters, lineNumber, line);

            // counters: reads, reads merged, sectors read, ms reading, writes, writes merged, sectors written, ms writing, in flight, ms doing I/O, weighted ms
            disks.Add(new DiskDeviceCounters(major, minor, name, counters[0], counters[2], counters[4], counters[6], counters[9]));
        }

        return disks;
    }

    /// <summary>Device numbers are 12-bit majors and 20-bit minors in the kernel; anything beyond an int is not one.</summary>
    private static int DeviceNumber(ReadOnlySpan<char> field, int lineNumber, ReadOnlySpan<char> line)
    {
        ulong value = TextLines.ParseUInt64(field, lineNumber, line);
        return value <= int.MaxValue ? (int)value : throw TextLines.Malformed(lineNumber, line, $"'{field}' is not a device number");
    }

    /// <summary>
    /// Tells whether a device is a whole physical disk by its name alone, for when <c>/sys/block</c> cannot be read:
    /// not a partition (<c>sda1</c>, <c>mmcblk0p1</c>, <c>nvme0n1p2</c>) and not a loop, RAM, zram, device-mapper or md device.
    /// </summary>
    /// <param name="name">The device name.</param>
    /// <returns>True for a whole disk.</returns>
    internal static bool LooksLikeWholeDisk(ReadOnlySpan<char> name)
    {
        if (IsVirtual(name))
        {
            return false;
        }

        // mmcblk0 / nvme0n1 are disks; a 'p' followed by digits at the end marks their partitions.
        if (name.StartsWith("mmcblk") || name.StartsWith("nvme") || name.StartsWith("nbd"))
        {
            int p = name.LastIndexOf('p');
            return p <= 0 || !char.IsAsciiDigit(name[p - 1]) || p == name.Length - 1 || !IsDigits(name[(p + 1)..]);
        }

        // sda, vdb, xvda, hdc: letters only; a trailing digit marks a partition.
        return !char.IsAsciiDigit(name[^1]);
    }

    /// <summary>Tells whether a device is virtual and would double-count or invent I/O: loop, ram, zram, device-mapper, md.</summary>
    /// <param name="name">The device name.</param>
    /// <returns>True for a virtual device.</returns>
    internal static bool IsVirtual(ReadOnlySpan<char> name)
        => name.StartsWith("loop") || name.StartsWith("ram") || name.StartsWith("zram")
            || name.StartsWith("dm-") || name.StartsWith("md") || name.StartsWith("sr") || name.StartsWith("fd");

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return !text.IsEmpty;
    }
}
