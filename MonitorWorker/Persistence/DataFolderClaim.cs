using System.Globalization;

namespace MonitorWorker.Persistence;

/// <summary>
/// One agent's hold on a folder it writes history into: the file <c>agent.lock</c>, created at the start and locked
/// for the run (a second agent on the same folder does not get it, and keeps its history in RAM), touched at every
/// flush and deleted at a clean stop. Found at the start, it says the run before ended without a clean stop, and its
/// last-write time says about when.
/// </summary>
public sealed partial class DataFolderClaim : IDisposable
{
    /// <summary>The file's name.</summary>
    public const string FileName = "agent.lock";

    private readonly FileStream? _lock;

    private DataFolderClaim(string folder, FileStream? held, DateTimeOffset? uncleanStopAt, string? failure)
    {
        Folder = folder;
        _lock = held;
        UncleanStopAt = uncleanStopAt;
        Failure = failure;
    }

    /// <summary>Gets the folder.</summary>
    public string Folder { get; }

    /// <summary>Gets a value indicating whether this agent holds the folder (and may write to it).</summary>
    public bool Held => _lock is not null;

    /// <summary>Gets why the folder is not held, or null.</summary>
    public string? Failure { get; }

    /// <summary>Gets about when the previous run stopped, when it ended without a clean stop; else null.</summary>
    public DateTimeOffset? UncleanStopAt { get; }

    /// <summary>Creates the folder when missing and takes the lock; never throws: a folder that cannot be held is said in <see cref="Failure"/>.</summary>
    public static DataFolderClaim Take(string folder, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        string path = Path.Combine(folder, FileName);
        try
        {
            Directory.CreateDirectory(folder);
            DateTimeOffset? unclean = File.Exists(path) ? new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero) : null;
            var held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
            held.SetLength(0);
            held.Write(System.Text.Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId} since {time.GetUtcNow():O}\n")));
            held.Flush(flushToDisk: true);
            return new DataFolderClaim(folder, held, unclean, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string why = e is IOException && File.Exists(path) ? $"another agent holds {path}" : e.Message;
            LogNotHeld(logger, folder, why);
            return new DataFolderClaim(folder, null, null, why);
        }
    }

    /// <summary>Notes that the agent is alive (the lock file's last-write time), after a flush.</summary>
    public void Touch(DateTimeOffset now)
    {
        if (_lock is not null)
        {
            try
            {
                File.SetLastWriteTimeUtc(_lock.SafeFileHandle, now.UtcDateTime);
            }
            catch (IOException)
            {
                // A folder that stopped taking writes is noticed by the next flush.
            }
        }
    }

    /// <summary>Ends the run cleanly: the lock file is deleted, so the next start finds no unclean stop.</summary>
    public void Release()
    {
        if (_lock is not null)
        {
            try
            {
                File.Delete(_lock.Name);
            }
            catch (IOException)
            {
                // The next start reports an unclean stop: better than none when it was one.
            }

            _lock.Dispose();
        }
    }

    public void Dispose() => _lock?.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The data folder {Folder} is not used for history this run, which is kept in RAM: {Reason}")]
    private static partial void LogNotHeld(ILogger logger, string folder, string reason);
}
