using System.IO.Abstractions;
using HardwareProbes.IO;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Storage;

/// <summary>Reads the disks on every sample: <c>/proc/diskstats</c> summed over whole disks, and statvfs of each configured mount point.</summary>
internal sealed class StorageReader(ProbeFiles files, IList<string> mountPoints)
{
    private readonly string _diskStats = $"{files.Proc}/diskstats";
    private readonly string _block = $"{files.Sys}/block";
    private readonly (string Mount, string Source)[] _mounts = [.. mountPoints.Select(m => (m, SourceNames.Disk(m)))];

    /// <summary>The I/O counters summed over whole, real disks.</summary>
    public DiskIoCounters? ReadDiskIo(Dictionary<string, string> sources)
    {
        IReadOnlyList<DiskDeviceCounters>? stats = files.Read(_diskStats, SourceNames.DiskStats, static t => ProcDiskStats.Parse(t), sources);
        if (stats is null)
        {
            return null;
        }

        // /sys/block lists whole disks (partitions live below them); without it, judge by name.
        IFileSystem fs = files.FileSystem;
        bool haveSysBlock = fs.Directory.Exists(_block);
        return DiskIoCounters.Sum(
            stats,
            name => !ProcDiskStats.IsVirtual(name) && (haveSysBlock ? fs.Directory.Exists($"{_block}/{name}") : ProcDiskStats.LooksLikeWholeDisk(name)));
    }

    /// <summary>The space of each configured mount point, with the device and filesystem type /proc/mounts names for it.</summary>
    public List<FilesystemUsage> ReadFilesystems(IReadOnlyList<MountEntry> mounts, Dictionary<string, string> sources)
    {
        var usage = new List<FilesystemUsage>(_mounts.Length);
        foreach ((string mount, string source) in _mounts)
        {
            if (files.TryGetSpace(mount, out FilesystemSpace space, out string? failure))
            {
                MountEntry? holding = MountTable.Holding(mounts, mount);
                usage.Add(FilesystemUsage.FromStatvfs(mount, space.TotalBytes, space.FreeBytes, space.AvailableBytes) with
                {
                    Device = holding?.Device,
                    FileSystemType = holding?.FileSystemType,
                });
                sources[source] = HardwareSnapshot.Ok;
            }
            else
            {
                sources[source] = failure;
            }
        }

        return usage;
    }
}
