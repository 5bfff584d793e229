namespace HardwareProbes.Storage;

/// <summary>Usage of the filesystem mounted at a path, with statvfs and psutil <c>disk_usage()</c> semantics, in bytes.</summary>
/// <param name="MountPoint">The configured path.</param>
/// <param name="TotalBytes">f_blocks × f_frsize.</param>
/// <param name="UsedBytes">(f_blocks − f_bfree) × f_frsize.</param>
/// <param name="FreeBytes">f_bavail × f_frsize: what an unprivileged user can still write (root's reserve excluded).</param>
/// <param name="Percent">used / (used + free) × 100, as psutil and <c>df</c> compute it.</param>
public sealed record FilesystemUsage(string MountPoint, long TotalBytes, long UsedBytes, long FreeBytes, double Percent)
{
    /// <summary>Gets the device mounted there (<c>/dev/mmcblk0p2</c>), from <c>/proc/mounts</c>; null where unknown.</summary>
    public string? Device { get; init; }

    /// <summary>Gets the filesystem type (<c>ext4</c>), from <c>/proc/mounts</c>; null where unknown.</summary>
    public string? FileSystemType { get; init; }

    /// <summary>Derives usage from the three statvfs figures.</summary>
    /// <param name="mountPoint">The path queried.</param>
    /// <param name="totalBytes">Size of the filesystem.</param>
    /// <param name="freeBytes">Free space, root's reserve included.</param>
    /// <param name="availableBytes">Space available to unprivileged users.</param>
    /// <returns>The usage.</returns>
    internal static FilesystemUsage FromStatvfs(string mountPoint, long totalBytes, long freeBytes, long availableBytes)
    {
        long used = Math.Max(0, totalBytes - freeBytes);
        long denominator = used + availableBytes;
        double percent = denominator > 0 ? used * 100.0 / denominator : 0;
        return new FilesystemUsage(mountPoint, totalBytes, used, availableBytes, percent);
    }
}
