namespace HardwareProbes.Storage;

/// <summary>One device line of <c>/proc/diskstats</c> (the fields summed into <see cref="DiskIoCounters"/>).</summary>
/// <param name="Major">Device major number.</param>
/// <param name="Minor">Device minor number.</param>
/// <param name="Name">Device name (<c>sda</c>, <c>mmcblk0p1</c>).</param>
/// <param name="ReadsCompleted">Reads completed.</param>
/// <param name="SectorsRead">512-byte sectors read (the kernel counts in 512-byte units whatever the device's sector size).</param>
/// <param name="WritesCompleted">Writes completed.</param>
/// <param name="SectorsWritten">512-byte sectors written.</param>
/// <param name="IoMilliseconds">Milliseconds spent doing I/O.</param>
public readonly record struct DiskDeviceCounters(
    int Major,
    int Minor,
    string Name,
    ulong ReadsCompleted,
    ulong SectorsRead,
    ulong WritesCompleted,
    ulong SectorsWritten,
    ulong IoMilliseconds)
{
    /// <summary>The unit of the sector counters, in bytes.</summary>
    internal const int SectorBytes = 512;
}
