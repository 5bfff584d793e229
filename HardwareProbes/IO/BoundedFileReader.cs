using System.IO.Abstractions;
using System.Text;

namespace HardwareProbes.IO;

/// <summary>
/// Reads files and queries filesystems with a time limit and a size limit.
/// </summary>
/// <remarks>
/// A sysfs attribute can block forever (a Jetson thermal zone whose sensor is power-gated) and no read
/// system call can be cancelled, so every operation runs on a dedicated worker thread while the caller
/// waits with a deadline. A worker that misses the deadline is abandoned to finish in its own time; the
/// path it hangs on answers at once with a failure until that worker comes back, so a hung file costs
/// one parked thread, never one per sample. Buffers are reused, so a read allocates only the stream.
/// Calls must not overlap: the owner serialises them.
/// <para>
/// Files the owner names as kernel bookkeeping (procfs' global files: /proc/stat, /proc/meminfo, /proc/net/dev, …)
/// are read on the calling thread: they are made by the kernel from its own counters, never by a driver waiting on
/// hardware, and handing each of them to the worker cost two thread switches per file and sample, about half the
/// sampler's idle CPU.
/// </para>
/// </remarks>
internal sealed class BoundedFileReader : IDisposable
{
    private readonly IFileSystem _fileSystem;
    private readonly TimeSpan _timeout;
    private readonly int _maxBytes;
    private readonly Dictionary<string, ReadWorker> _hung = new(StringComparer.Ordinal);
    private readonly HashSet<string> _missing = new(StringComparer.Ordinal);
    private readonly bool _rememberMissing;
    private readonly Func<string, bool>? _readsInline;
    private readonly ReadWorker _inline;
    private ReadWorker _worker;
    private char[] _chars = new char[4096];

    // rememberMissing: whether a missing path is remembered so that its next read is a cheap stat; false for paths
    // that come and go (pids), whose set would otherwise grow without end. readsInline: which files cannot block, read
    // on the calling thread (null: none).
    public BoundedFileReader(IFileSystem fileSystem, TimeSpan timeout, int maxBytes, bool rememberMissing = true, Func<string, bool>? readsInline = null)
    {
        _readsInline = readsInline;
        _inline = new ReadWorker(fileSystem, maxBytes, threaded: false);
        _fileSystem = fileSystem;
        _rememberMissing = rememberMissing;
        _timeout = timeout;
        _maxBytes = maxBytes;
        _worker = new ReadWorker(fileSystem, maxBytes, threaded: true);
    }

    public IFileSystem FileSystem => _fileSystem;

    /// <summary>Reads a whole file as text. The span stays valid until the next call.</summary>
    public ReadResult Read(string path)
    {
        // A file that was missing last time is usually still missing (no Wi-Fi, no cpufreq in a VM): a stat says so
        // without a thread hand-off or the cost of an exception on every sample.
        if (_missing.Contains(path))
        {
            if (!_fileSystem.File.Exists(path))
            {
                return new ReadResult($"{path}: not found");
            }

            _missing.Remove(path);
        }

        ReadWorker worker;
        if (_readsInline?.Invoke(path) == true)
        {
            worker = _inline;
            worker.RunHere(path, WorkKind.ReadFile);
        }
        else if (TryRun(path, WorkKind.ReadFile, out string? failure))
        {
            worker = _worker;
        }
        else
        {
            return new ReadResult(failure);
        }

        if (worker.Error is not null)
        {
            if (_rememberMissing && worker.Error is FileNotFoundException or DirectoryNotFoundException)
            {
                _missing.Add(path);
            }

            return new ReadResult(Describe(path, worker.Error));
        }

        if (worker.Length > _maxBytes)
        {
            return new ReadResult($"{path}: larger than the {_maxBytes}-byte read limit");
        }

        ReadOnlySpan<byte> bytes = worker.Buffer.AsSpan(0, worker.Length);
        int needed = Encoding.UTF8.GetMaxCharCount(bytes.Length);
        if (_chars.Length < needed)
        {
            _chars = new char[Math.Max(needed, _chars.Length * 2)];
        }

        int count = Encoding.UTF8.GetChars(bytes, _chars);
        return new ReadResult(_chars.AsSpan(0, count));
    }

    /// <summary>Queries the filesystem that holds <paramref name="path"/> (statvfs on Linux).</summary>
    public bool TryGetSpace(string path, out FilesystemSpace space, out string? failure)
    {
        space = default;
        if (!TryRun(path, WorkKind.StatFilesystem, out failure))
        {
            return false;
        }

        if (_worker.Error is not null)
        {
            failure = Describe(path, _worker.Error);
            return false;
        }

        space = _worker.Space;
        return true;
    }

    public void Dispose()
    {
        _worker.Stop();
        foreach (ReadWorker hung in _hung.Values)
        {
            hung.Stop();
        }

        _hung.Clear();
    }

    private bool TryRun(string path, WorkKind kind, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? failure)
    {
        if (_hung.TryGetValue(path, out ReadWorker? stuck))
        {
            if (!stuck.IsIdle)
            {
                failure = $"{path}: still blocked since an earlier read timed out";
                return false;
            }

            _hung.Remove(path);
            stuck.Stop();
        }

        if (_worker.Run(path, kind, _timeout))
        {
            failure = null;
            return true;
        }

        // The worker is stuck inside a system call: park it with its path and carry on with a fresh one.
        _hung[path] = _worker;
        _worker = new ReadWorker(_fileSystem, _maxBytes, threaded: true);
        failure = $"{path}: no answer within {_timeout.TotalMilliseconds:0} ms";
        return false;
    }

    internal static string Describe(string path, Exception error) => error switch
    {
        FileNotFoundException or DirectoryNotFoundException or DriveNotFoundException => $"{path}: not found",
        UnauthorizedAccessException => $"{path}: permission denied",
        IOException io when io.HResult == 11 => $"{path}: temporarily unavailable (EAGAIN)",
        _ => $"{path}: {error.Message}",
    };

    internal enum WorkKind
    {
        ReadFile,
        StatFilesystem,
    }

    /// <summary>A thread that performs one operation at a time for its owner.</summary>
    /// <remarks>The thread disposes its own events when it exits: a parked worker may signal them long after its owner gave up on it.</remarks>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The worker thread disposes the events on exit.")]
    private sealed class ReadWorker
    {
        private readonly IFileSystem _fileSystem;
        private readonly int _maxBytes;
        private readonly ManualResetEventSlim _request = new(false);
        private readonly ManualResetEventSlim _done = new(false);
        private string _path = string.Empty;
        private WorkKind _kind;
        private volatile bool _busy;
        private volatile bool _stopping;

        public ReadWorker(IFileSystem fileSystem, int maxBytes, bool threaded)
        {
            _fileSystem = fileSystem;
            _maxBytes = maxBytes;
            if (!threaded)
            {
                return;
            }

            var thread = new Thread(Loop, maxStackSize: 256 * 1024)
            {
                IsBackground = true,
                Name = "probe-reader",
            };
            thread.Start();
        }

        public byte[] Buffer { get; private set; } = new byte[16 * 1024];

        public int Length { get; private set; }

        public Exception? Error { get; private set; }

        public FilesystemSpace Space { get; private set; }

        public bool IsIdle => !_busy;

        public bool Run(string path, WorkKind kind, TimeSpan timeout)
        {
            _path = path;
            _kind = kind;
            _done.Reset();
            _busy = true;
            _request.Set();
            return _done.Wait(timeout);
        }

        /// <summary>Does the work on the calling thread (a worker made without a thread).</summary>
        public void RunHere(string path, WorkKind kind)
        {
            _path = path;
            _kind = kind;
            Work();
        }

        public void Stop()
        {
            _stopping = true;
            _request.Set();
        }

        private void Loop()
        {
            while (true)
            {
                _request.Wait();
                _request.Reset();
                if (_stopping)
                {
                    _request.Dispose();
                    _done.Dispose();
                    return;
                }

                Work();
                _busy = false;
                _done.Set();
            }
        }

        private void Work()
        {
            Error = null;
            Length = 0;
            try
            {
                if (_kind == WorkKind.ReadFile)
                {
                    ReadFile();
                }
                else
                {
                    StatFilesystem();
                }
            }
            catch (Exception e)
            {
                Error = e;
            }
        }

        private void ReadFile()
        {
            // bufferSize 0: no FileStream buffer, the bytes land straight in the reused array.
            using FileSystemStream stream = _fileSystem.FileStream.New(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 0);
            int total = 0;
            while (true)
            {
                if (total == Buffer.Length)
                {
                    if (total > _maxBytes)
                    {
                        Length = total;
                        return;
                    }

                    byte[] larger = new byte[Math.Min(Buffer.Length * 2, _maxBytes + 1)];
                    Buffer.AsSpan(0, total).CopyTo(larger);
                    Buffer = larger;
                }

                int read = stream.Read(Buffer, total, Buffer.Length - total);
                if (read == 0)
                {
                    Length = total;
                    return;
                }

                total += read;
            }
        }

        private void StatFilesystem()
        {
            IDriveInfo drive = _fileSystem.DriveInfo.New(_path);
            Space = new FilesystemSpace(drive.TotalSize, drive.TotalFreeSpace, drive.AvailableFreeSpace);
        }
    }
}
