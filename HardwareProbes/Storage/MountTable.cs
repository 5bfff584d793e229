using System.Text;

namespace HardwareProbes.Storage;

/// <summary>One line of <c>/proc/mounts</c>.</summary>
/// <param name="Device">What is mounted: a block device (<c>/dev/mmcblk0p2</c>) or a pseudo source (<c>tmpfs</c>).</param>
/// <param name="MountPoint">Where, with the kernel's octal escapes (<c>\040</c> for a space) decoded.</param>
/// <param name="FileSystemType">The filesystem type (<c>ext4</c>, <c>vfat</c>, <c>fuse.gvfsd-fuse</c>).</param>
public sealed record MountEntry(string Device, string MountPoint, string FileSystemType);

/// <summary>Parser for <c>/proc/mounts</c> and the lookup of the filesystem that holds a path.</summary>
public static class MountTable
{
    /// <summary>Parses every line with at least three fields; shorter lines are skipped.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The mounts in the file's order (the last mount at a point is the one in effect).</returns>
    public static IReadOnlyList<MountEntry> Parse(ReadOnlySpan<char> text)
    {
        var mounts = new List<MountEntry>();
        foreach (ReadOnlySpan<char> line in text.EnumerateLines())
        {
            var fields = IO.TextLines.Fields(line);
            if (!fields.MoveNext())
            {
                continue;
            }

            ReadOnlySpan<char> device = fields.Current;
            if (!fields.MoveNext())
            {
                continue;
            }

            ReadOnlySpan<char> mountPoint = fields.Current;
            if (!fields.MoveNext())
            {
                continue;
            }

            mounts.Add(new MountEntry(Unescape(device), Unescape(mountPoint), fields.Current.ToString()));
        }

        return mounts;
    }

    /// <summary>The mount that holds <paramref name="path"/>: the last one at the longest mount point that is the path or a folder above it.</summary>
    /// <param name="mounts">The mount table.</param>
    /// <param name="path">An absolute path.</param>
    /// <returns>The mount, or null when none holds it.</returns>
    public static MountEntry? Holding(IReadOnlyList<MountEntry> mounts, string path)
    {
        ArgumentNullException.ThrowIfNull(mounts);
        ArgumentNullException.ThrowIfNull(path);
        MountEntry? best = null;
        foreach (MountEntry mount in mounts)
        {
            if (Contains(mount.MountPoint, path) && (best is null || mount.MountPoint.Length >= best.MountPoint.Length))
            {
                best = mount;
            }
        }

        return best;
    }

    private static bool Contains(string mountPoint, string path)
    {
        if (mountPoint == "/")
        {
            return path.StartsWith('/');
        }

        string trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        return trimmed == mountPoint || trimmed.StartsWith(mountPoint + "/", StringComparison.Ordinal);
    }

    /// <summary>Decodes the kernel's three-digit octal escapes (space, tab, newline, backslash).</summary>
    private static string Unescape(ReadOnlySpan<char> field)
    {
        if (field.IndexOf('\\') < 0)
        {
            return field.ToString();
        }

        var builder = new StringBuilder(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                builder.Append((char)(((field[i + 1] - '0') * 64) + ((field[i + 2] - '0') * 8) + (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                builder.Append(field[i]);
            }
        }

        return builder.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
