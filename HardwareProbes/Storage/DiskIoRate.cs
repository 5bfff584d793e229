using HardwareProbes.Network;

namespace HardwareProbes.Storage;

/// <summary>
/// Disk traffic per second between two consecutive snapshots, over the same whole disks as <see cref="DiskIoCounters"/>.
/// A sum that went backwards (a disk removed) gives null for that figure and that sample.
/// </summary>
/// <param name="ReadBytesPerSecond">Bytes read per second.</param>
/// <param name="WriteBytesPerSecond">Bytes written per second.</param>
/// <param name="ReadOpsPerSecond">Reads completed per second.</param>
/// <param name="WriteOpsPerSecond">Writes completed per second.</param>
public sealed record DiskIoRate(double? ReadBytesPerSecond, double? WriteBytesPerSecond, double? ReadOpsPerSecond, double? WriteOpsPerSecond)
{
    internal static DiskIoRate Between(DiskIoCounters before, DiskIoCounters after, double seconds) => new(
        InterfaceRate.Of(before.ReadBytes, after.ReadBytes, seconds),
        InterfaceRate.Of(before.WriteBytes, after.WriteBytes, seconds),
        InterfaceRate.Of(before.ReadCount, after.ReadCount, seconds),
        InterfaceRate.Of(before.WriteCount, after.WriteCount, seconds));
}
