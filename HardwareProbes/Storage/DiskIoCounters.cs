using System.Text;

namespace HardwareProbes.Storage;

/// <summary>I/O counters summed over whole physical disks since boot (psutil's <c>disk_io_counters()</c> fields).</summary>
/// <param name="ReadCount">Reads completed.</param>
/// <param name="WriteCount">Writes completed.</param>
/// <param name="ReadBytes">Bytes read (sectors × 512).</param>
/// <param name="WriteBytes">Bytes written (sectors × 512).</param>
/// <param name="Disks">The devices summed.</param>
public sealed record DiskIoCounters(ulong ReadCount, ulong WriteCount, ulong ReadBytes, ulong WriteBytes, IReadOnlyList<string> Disks)
{
    /// <summary>Sums the devices that <paramref name="isWholeDisk"/> accepts.</summary>
    /// <param name="stats">The parsed diskstats.</param>
    /// <param name="isWholeDisk">Which device names count.</param>
    /// <returns>The sums.</returns>
    /// <exception cref="OverflowException">The sums, or the sectors in bytes, do not fit 64 bits: the counters are not real.</exception>
    internal static DiskIoCounters Sum(IReadOnlyList<DiskDeviceCounters> stats, Func<string, bool> isWholeDisk)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(isWholeDisk);
        ulong reads = 0, writes = 0, readSectors = 0, writeSectors = 0;
        var disks = new List<string>();
        foreach (DiskDeviceCounters stat in stats)
        {
            if (!isWholeDisk(stat.Name))
            {
                continue;
            }

            disks.Add(stat.Name);
            checked
            {
                reads += stat.ReadsCompleted;
                writes += stat.WritesCompleted;
                readSectors += stat.SectorsRead;
                writeSectors += stat.SectorsWritten;
            }
        }

        return checked(new DiskIoCounters(reads, writes, readSectors * DiskDeviceCounters.SectorBytes, writeSectors * DiskDeviceCounters.SectorBytes, disks));
    }

    private bool PrintMembers(StringBuilder builder)
    {
        Printing.Member(builder, nameof(ReadCount), ReadCount, first: true);
        Printing.Member(builder, nameof(WriteCount), WriteCount);
        Printing.Member(builder, nameof(ReadBytes), ReadBytes);
        Printing.Member(builder, nameof(WriteBytes), WriteBytes);
        Printing.List(builder, nameof(Disks), Disks);
        return true;
    }
}
