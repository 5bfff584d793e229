using System.IO.Compression;

namespace MonitorWorker.Demo;

/// <summary>
/// The temporary folder a demo board is copied to, and the boards built into the binary.
/// </summary>
/// <remarks>
/// Each folder is <c>pi-stat-demo-&lt;pid&gt;-&lt;random&gt;</c> in the temporary directory and holds a <c>.lock</c> file
/// that its process keeps open without sharing for as long as it serves the demo. The process removes the folder when
/// it stops; one that was killed cannot, so every demo start first removes the folders whose lock nobody holds any
/// more. The boards inside the binary (<c>demo-boards.zip</c>, about 70 KB: each fixture board's proc, sys, etc and var
/// trees and fake tools, the captured processes) serve a binary that runs outside the repository.
/// </remarks>
internal sealed class DemoFolder : IDisposable
{
    /// <summary>The name every demo folder starts with.</summary>
    public const string Prefix = "pi-stat-demo-";

    private const string ArchiveName = "demo-boards.zip";
    private const string LockName = ".lock";

    /// <summary>A folder whose lock file is missing is taken for one being made until it is this old.</summary>
    private static readonly TimeSpan Unfinished = TimeSpan.FromMinutes(1);

    private readonly FileStream _lock;

    private DemoFolder(string path, FileStream held)
    {
        Path = path;
        _lock = held;
    }

    /// <summary>Gets the folder's full path.</summary>
    public string Path { get; }

    /// <summary>Gets the names of the boards built into the binary, sorted.</summary>
    public static IReadOnlyList<string> EmbeddedBoards { get; } = ReadEmbeddedBoards();

    /// <summary>Removes the stale demo folders of stopped processes, then makes and locks a new one.</summary>
    public static DemoFolder Create()
    {
        RemoveStale(System.IO.Path.GetTempPath());
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var held = new FileStream(System.IO.Path.Combine(path, LockName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        return new DemoFolder(path, held);
    }

    /// <summary>
    /// Removes every demo folder in <paramref name="temporary"/> that no running process holds: its lock file can be
    /// taken, or it has none and is over a minute old. Folders of other users that cannot be removed are left.
    /// </summary>
    /// <returns>How many folders were removed.</returns>
    public static int RemoveStale(string temporary)
    {
        int removed = 0;
        IEnumerable<string> folders;
        try
        {
            folders = Directory.EnumerateDirectories(temporary, Prefix + "*").ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        foreach (string folder in folders)
        {
            try
            {
                if (!IsStale(folder))
                {
                    continue;
                }

                Directory.Delete(folder, recursive: true);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Held after all, or another user's: not ours to remove.
            }
        }

        return removed;
    }

    private static bool IsStale(string folder)
    {
        string lockFile = System.IO.Path.Combine(folder, LockName);
        if (!File.Exists(lockFile))
        {
            return DateTime.UtcNow - Directory.GetCreationTimeUtc(folder) > Unfinished;
        }

        // Taking the lock succeeds only when its process has gone (the system drops a dead process's locks).
        using var taken = new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        return true;
    }

    /// <summary>
    /// Writes the embedded board <paramref name="name"/> (with the captured processes and the board tools beside it, as
    /// in the repository's fixtures folder) under <paramref name="into"/>; returns the board's folder.
    /// </summary>
    public static string ExtractEmbedded(string name, string into)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!EmbeddedBoards.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"no board '{name}' is built into this binary", nameof(name));
        }

        using Stream archive = typeof(DemoFolder).Assembly.GetManifestResourceStream(ArchiveName)!;
        using var zip = new ZipArchive(archive, ZipArchiveMode.Read);
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            string top = entry.FullName.Split('/')[0];
            if (top != name && top != "tools" && !entry.FullName.StartsWith("captures/processes/", StringComparison.Ordinal))
            {
                continue;
            }

            string target = System.IO.Path.GetFullPath(System.IO.Path.Combine(into, entry.FullName));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            using (Stream from = entry.Open())
            using (FileStream to = File.Create(target))
            {
                from.CopyTo(to);
            }

            // The fake vcgencmd and tegrastats are shell scripts: they run as the repository's copies do.
            if (!OperatingSystem.IsWindows() && StartsWithShebang(target))
            {
                File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return System.IO.Path.Combine(into, name);
    }

    private static bool StartsWithShebang(string file)
    {
        Span<byte> start = stackalloc byte[2];
        using FileStream stream = File.OpenRead(file);
        return stream.ReadAtLeast(start, 2, throwOnEndOfStream: false) == 2 && start.SequenceEqual("#!"u8);
    }

    private static string[] ReadEmbeddedBoards()
    {
        using Stream? archive = typeof(DemoFolder).Assembly.GetManifestResourceStream(ArchiveName);
        if (archive is null)
        {
            return [];
        }

        using var zip = new ZipArchive(archive, ZipArchiveMode.Read);
        return [.. zip.Entries.Select(e => e.FullName.Split('/'))
            .Where(parts => parts.Length > 2 && parts[1] == "proc" && parts[0] is not ("captures" or "tools"))
            .Select(parts => parts[0]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Releases the lock and removes the folder.</summary>
    public void Dispose()
    {
        _lock.Dispose();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder left behind is removed by the next demo start.
        }
    }
}
