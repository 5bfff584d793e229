using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace MonitorWorker.Persistence;

/// <summary>
/// One SQLite file a feature keeps its data in: opened on first use (an agent that never stores anything never loads
/// SQLite), brought to the feature's schema version (<c>PRAGMA user_version</c>, one migration per version, each in a
/// transaction), in write-ahead-log mode, checked with <c>quick_check</c> at the first open. Writes are one at a time,
/// each in a transaction: all of it or none of it. When the file cannot be opened or written (corrupt, unwritable, disk
/// full, written by a newer version) every call fails with <see cref="StoreUnavailableException"/> saying why and
/// <see cref="Failure"/> holds the reason until a later call succeeds.
/// </summary>
internal sealed partial class SqliteDatabase : IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly ILogger _logger;
    private readonly string _connectionString;
    private readonly string[] _migrations;
    private volatile string? _failure;
    private volatile string? _failureCause;
    private bool _ready;

    /// <param name="path">The file.</param>
    /// <param name="migrations">The statements that bring schema version i to version i + 1; the schema version is their count.</param>
    /// <param name="logger">Where a failure is logged, once per distinct reason.</param>
    public SqliteDatabase(string path, string[] migrations, ILogger logger)
    {
        FilePath = path;
        _migrations = migrations;
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // each call opens the file itself: a file replaced or made unwritable is noticed at once
            DefaultTimeout = 5,
        }.ToString();
    }

    public string FilePath { get; }

    /// <summary>Gets the schema version this code writes.</summary>
    public int SchemaVersion => _migrations.Length;

    /// <summary>Gets why the file is unusable, or null while it works.</summary>
    public string? Failure => _failure;

    /// <summary>Gets why the file is unusable without its path (for the open /health), while it is.</summary>
    public string? FailureCause => _failure is null ? null : _failureCause;

    /// <summary>Runs a read; a failure to open or read the file is a <see cref="StoreUnavailableException"/>.</summary>
    public T Read<T>(Func<SqliteConnection, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            using SqliteConnection connection = Open();
            return read(connection);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            throw Fail(e);
        }
    }

    /// <summary>Runs a write in a transaction, one writer at a time; nothing of it is kept if it fails.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using SqliteConnection connection = Open();
            using SqliteTransaction transaction = connection.BeginTransaction();
            T result = write(connection, transaction);
            transaction.Commit();
            _failure = null;
            return result;
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            throw Fail(e);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Runs upkeep that cannot run in a transaction (a vacuum), with the writer's turn.</summary>
    public async Task<T> MaintainAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using SqliteConnection connection = Open();
            return work(connection);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            throw Fail(e);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Gets the bytes the data takes (the file's pages less its free ones).</summary>
    public static long UsedBytes(SqliteConnection connection)
    {
        long pages = Scalar(connection, "PRAGMA page_count");
        long free = Scalar(connection, "PRAGMA freelist_count");
        return (pages - free) * Scalar(connection, "PRAGMA page_size");
    }

    public static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand command = Command(connection, sql, parameters);
        command.Transaction = transaction;
        return command.ExecuteNonQuery();
    }

    public static long Scalar(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand command = Command(connection, sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        SqliteCommand command = connection.CreateCommand();
#pragma warning disable CA2100 // every statement is a constant of the store that owns it; values go in as parameters
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public void Dispose() => _writer.Dispose();

    private static bool IsStorageFailure(Exception e) => e is SqliteException or IOException or UnauthorizedAccessException or InvalidDataException;

    private SqliteConnection Open()
    {
        NativeSqlite.Register(); // on first use: an agent nobody sends data to never loads SQLite
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
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

    /// <summary>A quick check that the file is sound, write-ahead logging, and the migrations the file has not had yet.</summary>
    private void Initialise(SqliteConnection connection)
    {
        string check = Text(connection, "PRAGMA quick_check");
        if (!string.Equals(check, "ok", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"the database fails SQLite's quick_check: {check}");
        }

        long version = Scalar(connection, "PRAGMA user_version");
        if (version > _migrations.Length)
        {
            throw new InvalidDataException($"the database has schema version {version}, written by a newer pi-stat; this one knows up to {_migrations.Length}");
        }

        if (version == 0)
        {
            Execute(connection, null, "PRAGMA auto_vacuum = INCREMENTAL"); // only takes effect before the first table
        }

        Text(connection, "PRAGMA journal_mode = WAL");
        for (long v = version; v < _migrations.Length; v++)
        {
            using SqliteTransaction transaction = connection.BeginTransaction();
            Execute(connection, transaction, _migrations[v]);
            Execute(connection, transaction, $"PRAGMA user_version = {(v + 1).ToString(CultureInfo.InvariantCulture)}");
            transaction.Commit();
        }
    }

    private StoreUnavailableException Fail(Exception e)
    {
        string reason = e switch
        {
            SqliteException s => $"{FilePath}: {s.Message.TrimEnd('.')} (SQLite error {s.SqliteErrorCode})",
            _ => $"{FilePath}: {e.Message.TrimEnd('.')}",
        };

        // What the open /health may say: SQLite's words name no path; a file system error's might, so only its kind.
        _failureCause = e switch
        {
            SqliteException sqlite => $"{sqlite.Message.TrimEnd('.')} (SQLite error {sqlite.SqliteErrorCode})",
            InvalidDataException invalid => invalid.Message,
            _ => e.GetType().Name,
        };
        if (!string.Equals(_failure, reason, StringComparison.Ordinal))
        {
            LogFailed(_logger, reason);
        }

        _failure = reason;
        _ready = false;
        return new StoreUnavailableException(reason, e);
    }

    private static string Text(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = Command(connection, sql, []);
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A data file cannot be used: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
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
