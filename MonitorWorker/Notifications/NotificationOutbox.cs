using System.Buffers;
using System.Text;
using System.Text.Json;
using MonitorWorker.Persistence;

namespace MonitorWorker.Notifications;

/// <summary>
/// The messages not yet delivered, per target in order, kept in <c>notifications/outbox.seg</c> under the data folder
/// so that a restart or a power cut loses none: a message is appended (and synced) before its first attempt, and a
/// record says when it was delivered or given up after <see cref="Patience"/>. At the start the file is read back,
/// the messages still due are kept (a target no longer configured drops its own, said in the log) and the file is
/// written again with only those. Without the folder (another agent holds it, or it cannot be written) the outbox
/// is in RAM only, said once in the log.
/// </summary>
public sealed partial class NotificationOutbox : IDisposable
{
    /// <summary>How long a message is tried before it is given up.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromHours(24);

    private const byte MessageRecord = 1;
    private const byte DeliveredRecord = 2;
    private const byte GivenUpRecord = 3;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Pending>> _queues;
    private readonly Dictionary<string, SemaphoreSlim> _signals;
    private readonly DataFolderClaim? _claim;
    private readonly string? _file;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public NotificationOutbox(string? folder, IReadOnlyList<NotifyTarget> targets, TimeProvider time, ILogger<NotificationOutbox> logger)
    {
        ArgumentNullException.ThrowIfNull(targets);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _queues = targets.ToDictionary(t => t.Key, _ => new List<Pending>(), StringComparer.Ordinal);
        _signals = targets.ToDictionary(t => t.Key, _ => new SemaphoreSlim(0), StringComparer.Ordinal);
        if (folder is null)
        {
            return;
        }

        _claim = DataFolderClaim.Take(folder, time, logger);
        if (_claim.Held)
        {
            _file = Path.Combine(folder, "outbox.seg");
            Load();
        }
    }

    /// <summary>Gets a value indicating whether the outbox is on disk.</summary>
    public bool OnDisk => _file is not null;

    /// <summary>Gets how many messages wait for delivery.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _queues.Values.Sum(q => q.Count);
            }
        }
    }

    /// <summary>Gets when the oldest waiting message was made (Unix seconds), or null.</summary>
    public long? OldestCreated
    {
        get
        {
            lock (_gate)
            {
                return _queues.Values.SelectMany(q => q).Select(p => (long?)p.Created).Min();
            }
        }
    }

    /// <summary>Keeps a message (on disk first) and wakes its target's sender.</summary>
    public void Add(Notification message)
    {
        ArgumentNullException.ThrowIfNull(message);
        long now = _time.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            if (!_queues.TryGetValue(message.Target, out List<Pending>? queue))
            {
                return;
            }

            Write(MessageRecord, now, JsonSerializer.SerializeToUtf8Bytes(message, NotificationsJsonContext.Default.Notification));
            queue.Add(new Pending(message, now));
        }

        _signals[message.Target].Release();
    }

    /// <summary>The oldest waiting message of a target and when it was made, or null.</summary>
    public (Notification Message, long Created)? Next(string target)
    {
        lock (_gate)
        {
            return _queues[target] is [Pending first, ..] ? (first.Message, first.Created) : null;
        }
    }

    /// <summary>Waits until a message is added for <paramref name="target"/> (or returns at once when one was added since the last wait).</summary>
    public Task WaitAsync(string target, CancellationToken cancellationToken) => _signals[target].WaitAsync(cancellationToken);

    /// <summary>Ends a message: delivered, or given up.</summary>
    public void Done(Notification message, bool delivered)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            if (_queues[message.Target].RemoveAll(p => p.Message.Id == message.Id) > 0)
            {
                Write(delivered ? DeliveredRecord : GivenUpRecord, _time.GetUtcNow().ToUnixTimeSeconds(), Encoding.ASCII.GetBytes(message.Id));
            }
        }
    }

    /// <summary>Releases the folder: the outbox file stays, with whatever still waits.</summary>
    public void Dispose()
    {
        _claim?.Release();
        foreach (SemaphoreSlim signal in _signals.Values)
        {
            signal.Dispose();
        }
    }

    private void Write(byte type, long time, ReadOnlySpan<byte> payload)
    {
        if (_file is null)
        {
            return;
        }

        var record = new ArrayBufferWriter<byte>(payload.Length + SegmentFile.FrameSize);
        SegmentFile.Frame(record, type, time, payload);
        try
        {
            SegmentFile.Append(_file, record.WrittenSpan);
        }
        catch (IOException e)
        {
            LogUnwritable(_logger, e.Message);
        }
    }

    /// <summary>Reads the file back: the messages neither delivered nor given up, still within their patience, of a configured target; then writes it again with only those.</summary>
    private void Load()
    {
        string file = _file!;
        var kept = new List<Pending>();
        var ended = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            (ScanResult opened, string? movedTo) = SegmentFile.OpenForAppend(file, _time);
            if (movedTo is not null)
            {
                LogMovedAside(_logger, file, opened.Reason!, movedTo);
            }

            if (File.Exists(file))
            {
                SegmentFile.Scan(file, (type, time, payload) =>
                {
                    if (type == MessageRecord && Parse(payload) is Notification message)
                    {
                        kept.Add(new Pending(message, time));
                    }
                    else if (type is DeliveredRecord or GivenUpRecord)
                    {
                        ended.Add(Encoding.ASCII.GetString(payload));
                    }

                    return true;
                });
            }

            long now = _time.GetUtcNow().ToUnixTimeSeconds();
            int dropped = 0;
            var records = new ArrayBufferWriter<byte>();
            foreach (Pending pending in kept.Where(p => !ended.Contains(p.Message.Id)))
            {
                if (!_queues.TryGetValue(pending.Message.Target, out List<Pending>? queue) || pending.Created < now - (long)Patience.TotalSeconds)
                {
                    dropped++;
                    continue;
                }

                queue.Add(pending);
                _signals[pending.Message.Target].Release();
                SegmentFile.Frame(records, MessageRecord, pending.Created, JsonSerializer.SerializeToUtf8Bytes(pending.Message, NotificationsJsonContext.Default.Notification));
            }

            if (dropped > 0)
            {
                LogDropped(_logger, dropped);
            }

            // The file again, with only what waits: written beside it, synced, then moved over it.
            string fresh = file + ".new";
            File.Delete(fresh);
            SegmentFile.Append(fresh, records.WrittenSpan);
            File.Move(fresh, file, overwrite: true);
        }
        catch (IOException e)
        {
            LogUnwritable(_logger, e.Message);
        }
    }

    private static Notification? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, NotificationsJsonContext.Default.Notification) is { Id: not null, Target: not null, Message: not null } n ? n : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The notification outbox could not be written (its messages are kept in RAM): {Reason}")]
    private static partial void LogUnwritable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The notification outbox {Path} was damaged ({Reason}); moved aside as {MovedTo}")]
    private static partial void LogMovedAside(ILogger logger, string path, string reason, string movedTo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} notifications in the outbox were dropped: older than 24 h, or for a target no longer in PISTAT_NOTIFY_URLS")]
    private static partial void LogDropped(ILogger logger, int count);

    private sealed record Pending(Notification Message, long Created);
}
