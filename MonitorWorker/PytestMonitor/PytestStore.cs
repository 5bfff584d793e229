using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using MonitorWorker.Configuration;

namespace MonitorWorker.PytestMonitor;

/// <summary>
/// The pytest-monitor server's SQLite database (<c>pytest-monitor.db</c> in PISTAT_DATA_PATH): execution contexts,
/// sessions and per-test metrics with what the agent saw during each test. Writes are one at a time, each in a
/// transaction (all of a body or none of it), and the limits are kept after each: metrics older than
/// PISTAT_DATA_RETENTION_DAYS go, then the oldest metrics until the data is under PISTAT_DATA_MAX_MB. When the database
/// cannot be opened or written (corrupt, unwritable, disk full) this feature alone stops with <see cref="Failure"/>
/// saying why; it tries again at the next request.
/// </summary>
internal sealed partial class PytestStore : IDisposable
{
    public const string FileName = "pytest-monitor.db";

    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly TimeProvider _time;
    private readonly ILogger<PytestStore> _logger;
    private readonly string _connectionString;
    private volatile string? _failure;
    private volatile string? _failureCause;
    private bool _ready;

    public PytestStore(IOptions<PiStatOptions> options, TimeProvider time, ILogger<PytestStore> logger)
    {
        PiStatOptions o = options.Value;
        _time = time;
        _logger = logger;
        Folder = o.DataPath ?? DefaultFolder();
        FilePath = Path.Combine(Folder, FileName);
        MaxBytes = (long)o.DataMaxMb * 1024 * 1024;
        Retention = TimeSpan.FromDays(o.DataRetentionDays);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // each request opens the file itself: a file replaced or made unwritable is noticed at once
            DefaultTimeout = 5,
        }.ToString();
    }

    public string Folder { get; }

    public string FilePath { get; }

    public long MaxBytes { get; }

    public TimeSpan Retention { get; }

    /// <summary>Gets why the store is unusable, or null while it works.</summary>
    public string? Failure => _failure;

    /// <summary>Gets why the store is unavailable without the file's path (for the open /health), while it is.</summary>
    public string? FailureCause => _failure is null ? null : _failureCause;

    /// <summary>The unit's StateDirectory (systemd sets $STATE_DIRECTORY), else <c>data/</c> beside the program.</summary>
    public static string DefaultFolder()
        => Environment.GetEnvironmentVariable("STATE_DIRECTORY") is { Length: > 0 } state
            ? state.Split(':')[0]
            : Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>Runs a read; a failure to open or read the database is a <see cref="StoreUnavailableException"/>.</summary>
    public T Read<T>(Func<SqliteConnection, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            using SqliteConnection connection = Open();
            return read(connection);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw Fail(e);
        }
    }

    /// <summary>Runs a write in a transaction, one at a time, then keeps the limits; nothing of it is kept if it fails.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using SqliteConnection connection = Open();
            T result;
            using (SqliteTransaction transaction = connection.BeginTransaction())
            {
                result = write(connection, transaction);
                transaction.Commit();
            }

            Prune(connection);
            _failure = null;
            return result;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw Fail(e);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Unix seconds now, as stored.</summary>
    public long Now => _time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Gets the bytes the data takes (the file's pages less its free ones).</summary>
    public static long UsedBytes(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        long pages = Scalar(connection, "PRAGMA page_count");
        long free = Scalar(connection, "PRAGMA freelist_count");
        return (pages - free) * Scalar(connection, "PRAGMA page_size");
    }

    /// <summary>Drops what is past the retention, then the oldest metrics while the data is over the size limit.</summary>
    private void Prune(SqliteConnection connection)
    {
        long cutoff = Now - (long)Retention.TotalSeconds;
        int dropped = Execute(connection, "DELETE FROM metrics WHERE created_at < $cutoff", ("$cutoff", cutoff));
        Execute(connection, "DELETE FROM sessions WHERE created_at < $cutoff AND NOT EXISTS (SELECT 1 FROM metrics m WHERE m.session_h = sessions.h)", ("$cutoff", cutoff));
        Execute(connection, "DELETE FROM contexts WHERE created_at < $cutoff AND NOT EXISTS (SELECT 1 FROM metrics m WHERE m.context_h = contexts.h)", ("$cutoff", cutoff));
        for (int round = 0; round < 64 && UsedBytes(connection) > MaxBytes; round++)
        {
            long count = Scalar(connection, "SELECT count(*) FROM metrics");
            if (count == 0)
            {
                break;
            }

            // A tenth of the metrics at a time, the oldest first: few rounds, and the newest kept.
            dropped += Execute(connection, "DELETE FROM metrics WHERE id IN (SELECT id FROM metrics ORDER BY id LIMIT $n)", ("$n", Math.Max(1, count / 10)));
        }

        if (dropped > 0)
        {
            Execute(connection, "PRAGMA incremental_vacuum");
            LogPruned(_logger, dropped);
        }
    }

    private SqliteConnection Open()
    {
        NativeSqlite.Register(); // on first use: an agent nobody sends test metrics never loads SQLite
        Directory.CreateDirectory(Folder);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            if (!_ready)
            {
                Initialise(connection);
                _ready = true;
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The schema (created on first use), write-ahead logging, and a quick check that the file is sound.</summary>
    private static void Initialise(SqliteConnection connection)
    {
        string check = Text(connection, "PRAGMA quick_check");
        if (!string.Equals(check, "ok", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"the database fails SQLite's quick_check: {check}");
        }

        Execute(connection, "PRAGMA auto_vacuum = INCREMENTAL");
        Text(connection, "PRAGMA journal_mode = WAL");
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS contexts (
                h TEXT PRIMARY KEY, cpu_count INTEGER NOT NULL, cpu_frequency REAL NOT NULL, cpu_type TEXT NOT NULL,
                cpu_vendor TEXT NOT NULL, ram_total INTEGER NOT NULL, machine_node TEXT NOT NULL, machine_type TEXT NOT NULL,
                machine_arch TEXT NOT NULL, system_info TEXT NOT NULL, python_info TEXT NOT NULL, created_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS sessions (
                h TEXT PRIMARY KEY, run_date TEXT NOT NULL, scm_ref TEXT NOT NULL, description TEXT NOT NULL, created_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS metrics (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                session_h TEXT NOT NULL REFERENCES sessions(h), context_h TEXT NOT NULL REFERENCES contexts(h),
                item_start_time TEXT NOT NULL, item_path TEXT NOT NULL, item TEXT NOT NULL, item_variant TEXT NOT NULL,
                item_fs_loc TEXT NOT NULL, kind TEXT NOT NULL, component TEXT NOT NULL, total_time REAL NOT NULL,
                user_time REAL NOT NULL, kernel_time REAL NOT NULL, cpu_usage REAL NOT NULL, mem_usage REAL NOT NULL,
                hw_samples INTEGER NOT NULL, hw_resolution_seconds REAL, hw_max_cpu_temperature_c REAL,
                hw_mean_cpu_frequency_mhz REAL, hw_throttled INTEGER, hw_under_voltage INTEGER, hw_mean_power_mw REAL,
                hw_reason TEXT, created_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS metrics_context ON metrics(context_h, id);
            CREATE INDEX IF NOT EXISTS metrics_session ON metrics(session_h, id);
            CREATE INDEX IF NOT EXISTS metrics_created ON metrics(created_at);
            """);
    }

    private StoreUnavailableException Fail(Exception e)
    {
        string reason = e switch
        {
            SqliteException s => $"{FilePath}: {s.Message.TrimEnd('.')} (SQLite error {s.SqliteErrorCode})",
            _ => $"{FilePath}: {e.Message.TrimEnd('.')}",
        };

        // What the open /health may say: SQLite's words name no path; a file system error's might, so only its kind.
        _failureCause = e is SqliteException sqlite ? $"{sqlite.Message.TrimEnd('.')} (SQLite error {sqlite.SqliteErrorCode})" : e.GetType().Name;
        if (!string.Equals(_failure, reason, StringComparison.Ordinal))
        {
            LogFailed(_logger, reason);
        }

        _failure = reason;
        _ready = false;
        return new StoreUnavailableException(reason, e);
    }

    public static int Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static long Scalar(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand command = Command(connection, sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    private static string Text(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = Command(connection, sql, []);
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        SqliteCommand command = connection.CreateCommand();
#pragma warning disable CA2100 // every statement is a constant of this class or its callers; values go in as parameters
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public void Dispose() => _writer.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The pytest-monitor server is unavailable: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped {Count} stored test metrics (PISTAT_DATA_RETENTION_DAYS, PISTAT_DATA_MAX_MB)")]
    private static partial void LogPruned(ILogger logger, int count);
}

/// <summary>The database cannot be used; the message says why.</summary>
internal sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Where SQLite's native library comes from: the bundled <c>libe_sqlite3</c> beside the program when it is there,
/// else the system's <c>libsqlite3.so.0</c> (Debian's libsqlite3-0, on every Raspberry Pi OS and Jetson image), so a
/// single-file build needs no library of its own.
/// </summary>
internal static class NativeSqlite
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        try
        {
            NativeLibrary.SetDllImportResolver(typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // A resolver is already set for that assembly (by the host); it decides.
        }

        SQLitePCL.Batteries_V2.Init();
    }

    private static IntPtr Resolve(string name, System.Reflection.Assembly assembly, DllImportSearchPath? path)
    {
        if (!string.Equals(name, "e_sqlite3", StringComparison.Ordinal))
        {
            return IntPtr.Zero;
        }

        if (NativeLibrary.TryLoad(name, assembly, path, out IntPtr bundled))
        {
            return bundled;
        }

        foreach (string system in (string[])["libsqlite3.so.0", "libsqlite3.so", "sqlite3"])
        {
            if (NativeLibrary.TryLoad(system, out IntPtr handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }
}
