using System.Diagnostics.CodeAnalysis;
using System.IO.Abstractions;

namespace HardwareProbes.IO;

/// <summary>
/// The probes' view of the machine: the procfs, sysfs and etc roots, and bounded reads that turn every
/// failure (missing, unreadable, hung, too large, malformed) into a reason naming the file.
/// </summary>
internal sealed class ProbeFiles : IDisposable
{
    private readonly BoundedFileReader _reader;

    public ProbeFiles(IFileSystem fileSystem, ProbeOptions options, bool rememberMissing = true)
    {
        FileSystem = fileSystem;
        Proc = options.ProcPath.TrimEnd('/');
        Sys = options.SysPath.TrimEnd('/');
        Etc = options.EtcPath.TrimEnd('/');
        _reader = new BoundedFileReader(fileSystem, options.ReadTimeout, options.MaxFileBytes, rememberMissing, IsKernelBookkeeping);
    }

    /// <summary>
    /// procfs' global files that the kernel writes from its own counters and tables, never waiting on hardware or on a
    /// driver: the first part of the path under the proc root. A process's files (<c>/proc/&lt;pid&gt;/…</c>, which can
    /// wait on that process's memory lock) and drivers' files (<c>/proc/driver</c>, <c>/proc/acpi</c>, …) are not here.
    /// </summary>
    private static readonly HashSet<string> KernelBookkeeping = new(StringComparer.Ordinal)
    {
        "stat", "meminfo", "loadavg", "uptime", "cpuinfo", "diskstats", "mounts", "net", "pressure", "vmstat", "swaps", "partitions",
    };

    /// <summary>Whether a file is one of procfs' global files, read on the caller's thread (see <see cref="KernelBookkeeping"/>).</summary>
    internal bool IsKernelBookkeeping(string path)
    {
        if (path.Length <= Proc.Length + 1 || !path.StartsWith(Proc, StringComparison.Ordinal) || path[Proc.Length] != '/')
        {
            return false;
        }

        ReadOnlySpan<char> rest = path.AsSpan(Proc.Length + 1);
        int slash = rest.IndexOf('/');
        return KernelBookkeeping.GetAlternateLookup<ReadOnlySpan<char>>().Contains(slash < 0 ? rest : rest[..slash]);
    }

    public IFileSystem FileSystem { get; }

    public string Proc { get; }

    public string Sys { get; }

    public string Etc { get; }

    /// <summary>Reads and parses a file; on failure says why, naming the path (and the line for bad contents).</summary>
    public bool TryParse<T>(string path, SpanParser<T> parser, [MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out string? failure)
    {
        ReadResult read = _reader.Read(path);
        if (read.Failure is not null)
        {
            value = default;
            failure = read.Failure;
            return false;
        }

        try
        {
            value = parser(read.Text);
            failure = null;
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            value = default;
            failure = $"{path}: {e.Message}";
            return false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Parsers report bad contents as FormatException; anything else is a defect, contained to this file.
            value = default;
            failure = $"{path}: {e.GetType().Name}: {e.Message}";
            return false;
        }
    }

    /// <summary>Reads a file holding one string (device-tree strings are NUL-terminated); an empty file is a failure.</summary>
    public bool TryReadString(string path, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? failure)
    {
        if (!TryParse(path, static text => TextLines.ParseSingleString(text), out value, out failure))
        {
            return false;
        }

        failure = value is null ? $"{path}: empty" : null;
        return value is not null;
    }

    /// <summary>Reads a file holding one integer.</summary>
    public bool TryReadInt64(string path, out long value, [NotNullWhen(false)] out string? failure)
        => TryParse(path, static text => TextLines.ParseSingleInt64(text), out value, out failure);

    /// <summary>statvfs of the filesystem holding <paramref name="path"/>, bounded in time.</summary>
    public bool TryGetSpace(string path, out FilesystemSpace space, [NotNullWhen(false)] out string? failure)
        => _reader.TryGetSpace(path, out space, out failure);

    /// <summary>Lists the names of a directory's entries matching a pattern, sorted naturally (zone2 before zone10); empty with a reason when unreadable.</summary>
    public IReadOnlyList<string> ListNames(string directory, string pattern, out string? failure)
    {
        try
        {
            if (!FileSystem.Directory.Exists(directory))
            {
                failure = $"{directory}: not found";
                return [];
            }

            var names = new List<string>();
            foreach (string entry in FileSystem.Directory.EnumerateFileSystemEntries(directory, pattern))
            {
                names.Add(FileSystem.Path.GetFileName(entry));
            }

            names.Sort(NaturalOrder);
            failure = null;
            return names;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failure = $"{directory}: {e.Message}";
            return [];
        }
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>Orders names by their text, comparing runs of digits as numbers.</summary>
    internal static int NaturalOrder(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return string.CompareOrdinal(a, b);
        }

        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                int si = i, sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i]))
                {
                    i++;
                }

                while (j < b.Length && char.IsAsciiDigit(b[j]))
                {
                    j++;
                }

                // Equal-length digit runs (leading zeros aside) compare as text; otherwise the longer number is larger.
                ReadOnlySpan<char> x = a.AsSpan(si, i - si).TrimStart('0');
                ReadOnlySpan<char> y = b.AsSpan(sj, j - sj).TrimStart('0');
                int byNumber = x.Length != y.Length ? x.Length.CompareTo(y.Length) : x.SequenceCompareTo(y);
                if (byNumber != 0)
                {
                    return byNumber;
                }
            }
            else
            {
                int byChar = a[i].CompareTo(b[j]);
                if (byChar != 0)
                {
                    return byChar;
                }

                i++;
                j++;
            }
        }

        return (a.Length - i).CompareTo(b.Length - j);
    }
}
