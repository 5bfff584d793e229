using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using MonitorWorker.Events;
using MonitorWorker.Persistence;

namespace MonitorWorker.History;

/// <summary>
/// The history on disk, under <c>history/</c> in the data folder: the 1-minute tier for 30 days
/// (<c>minutes-YYYY-MM-DD.seg</c>), the 15-minute tier for 2 years (<c>quarters-YYYY-MM.seg</c>) and per-sample
/// points where the flight recorder or a clean stop wrote them (<c>samples-YYYY-MM-DD.seg</c>, 30 days), each an
/// append-only <see cref="SegmentFile"/>, named by the UTC date of the points it holds. Together the files stay
/// under PISTAT_HISTORY_MAX_MB: the oldest go first.
/// </summary>
/// <remarks>
/// <para>Records: a <em>names</em> record (type 1) lists the series, its position being a series' column; it is written
/// to a file before the first point of each run and again when a series appears. A <em>point</em> record (type 2)
/// holds the slot's start time in its frame and, for <c>n</c> columns: <c>n</c> (u16), a bitmap of the columns with a
/// value, on a coarse tier a bitmap of those whose minimum or maximum differs from the average, the averages (f32),
/// then the minimum and maximum of each column of the second bitmap. A flush writes the coarse tiers' slot in progress
/// too; the next flush writes that slot again, whole, and a reader keeps the later of two points with one time.</para>
/// <para>A file found damaged is moved aside (<see cref="SegmentFile.MoveAside"/>) with a warning and an event, and
/// the history goes on without it. Reads and writes take one lock: a query never sees half a flush.</para>
/// </remarks>
public sealed partial class HistoryArchive
{
    /// <summary>How long the 1-minute tier and the per-sample points are kept on disk.</summary>
    public static readonly TimeSpan MinutesKept = TimeSpan.FromDays(30);

    /// <summary>How long the 15-minute tier is kept on disk.</summary>
    public static readonly TimeSpan QuarterHoursKept = TimeSpan.FromDays(731);

    private const byte NamesRecord = 1;
    private const byte PointRecord = 2;

    private readonly Lock _files = new();
    private readonly TimeProvider _time;
    private readonly EventLog _events;
    private readonly ILogger _logger;
    private readonly long _maxBytes;
    private readonly Dictionary<string, int> _namesWritten = new(StringComparer.Ordinal); // file → series named in it this run
    private readonly ArrayBufferWriter<byte> _payload = new(4096);

    public HistoryArchive(string folder, long maxBytes, TimeProvider time, EventLog events, ILogger<HistoryArchive> logger)
    {
        Folder = folder ?? throw new ArgumentNullException(nameof(folder));
        _maxBytes = maxBytes;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The tiers kept on disk.</summary>
    public enum Tier
    {
        /// <summary>Per-sample points: the flight recorder's and a clean stop's.</summary>
        Samples,

        /// <summary>1-minute points, 30 days.</summary>
        Minutes,

        /// <summary>15-minute points, 2 years.</summary>
        QuarterHours,
    }

    /// <summary>Gets the folder of the files.</summary>
    public string Folder { get; }

    /// <summary>
    /// Appends the slots of <paramref name="ram"/> that start at or after <paramref name="from"/> (the coarse tiers'
    /// slot in progress included) to the tier's files and syncs them.
    /// </summary>
    /// <returns>The start of the newest slot written, the next call's <paramref name="from"/> (a coarse slot in progress is written again, whole, later); <paramref name="from"/> when nothing was.</returns>
    public long Write(Tier tier, HistoryStore store, HistoryTier ram, long from)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(ram);
        var files = new SortedDictionary<string, ArrayBufferWriter<byte>>(StringComparer.Ordinal);
        long newest = from;
        lock (_files)
        {
            store.Read(s =>
            {
                IReadOnlyList<string> names = s.Names;
                for (int age = 0; age < ram.Count; age++)
                {
                    long time = ram.TimeAt(age);
                    if (time < from)
                    {
                        continue;
                    }

                    string path = PathFor(tier, time);
                    if (!files.TryGetValue(path, out ArrayBufferWriter<byte>? records))
                    {
                        records = new ArrayBufferWriter<byte>(16 * 1024);
                        files[path] = records;
                        Prepare(path);
                        if (_namesWritten.GetValueOrDefault(path) < names.Count)
                        {
                            Frame(records, NamesRecord, time, EncodeNames(names));
                            _namesWritten[path] = names.Count;
                        }
                    }

                    Frame(records, PointRecord, time, EncodePoint(ram, names.Count, age));
                    newest = Math.Max(newest, time);
                }

                return 0;
            });

            if (files.Count > 0)
            {
                Directory.CreateDirectory(Folder);
            }

            foreach ((string path, ArrayBufferWriter<byte> records) in files)
            {
                SegmentFile.Append(path, records.WrittenSpan);
            }
        }

        return tier == Tier.Samples && files.Count > 0 ? newest + 1 : newest;
    }

    /// <summary>Reads the tier's points from <paramref name="from"/> to <paramref name="to"/> (Unix seconds, both included), oldest first.</summary>
    public void Read(Tier tier, long from, long to, IArchivePoints sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (from > to)
        {
            return;
        }

        lock (_files)
        {
            var reader = new PointReader(tier != Tier.Samples, from, to, sink);
            foreach (string path in FilesOf(tier, from, to))
            {
                ScanResult result = SegmentFile.Scan(path, reader.Visit);
                if (result.End == ScanEnd.Damaged)
                {
                    Damaged(path, result.Reason!);
                }
            }

            reader.Finish();
        }
    }

    /// <summary>Checks every file once at the start: a damaged file is moved aside (with an event), a torn tail cut off.</summary>
    public void CheckAll()
    {
        lock (_files)
        {
            if (!Directory.Exists(Folder))
            {
                return;
            }

            foreach (string path in Directory.GetFiles(Folder, "*.seg").Where(p => p.EndsWith(".seg", StringComparison.Ordinal) && Kind(p) is not null).Order(StringComparer.Ordinal))
            {
                Prepare(path);
            }
        }
    }

    /// <summary>
    /// Deletes the files past their tier's age, then the oldest files (damaged copies and events included) while all
    /// of them together exceed PISTAT_HISTORY_MAX_MB; the files being written this month are kept.
    /// </summary>
    /// <returns>The bytes the files take afterwards.</returns>
    public long Prune()
    {
        lock (_files)
        {
            if (!Directory.Exists(Folder))
            {
                return 0;
            }

            var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
            var files = new List<(string Path, DateOnly LastDay, bool Current, long Bytes)>();
            foreach (string path in Directory.GetFiles(Folder))
            {
                if (DateOf(path) is not DateOnly date)
                {
                    continue;
                }

                // A monthly file (15-minute points, events) covers its month; a daily one its day.
                bool monthly = IsMonthly(path);
                DateOnly lastDay = monthly ? date.AddMonths(1).AddDays(-1) : date;
                TimeSpan kept = monthly ? QuarterHoursKept : MinutesKept;
                if (lastDay.ToDateTime(TimeOnly.MinValue) < today.ToDateTime(TimeOnly.MinValue) - kept)
                {
                    Delete(path);
                    continue;
                }

                bool current = path.EndsWith(".seg", StringComparison.Ordinal) && lastDay >= today;
                files.Add((path, lastDay, current, new FileInfo(path).Length));
            }

            long total = files.Sum(f => f.Bytes);
            foreach ((string path, _, bool current, long bytes) in files.OrderBy(f => f.LastDay).ThenBy(f => f.Path, StringComparer.Ordinal))
            {
                if (total <= _maxBytes)
                {
                    break;
                }

                if (!current)
                {
                    Delete(path);
                    total -= bytes;
                }
            }

            return total;
        }
    }

    /// <summary>The file a point of <paramref name="tier"/> at <paramref name="time"/> goes to.</summary>
    public string PathFor(Tier tier, long time)
    {
        DateTime day = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(time, 0, 253402300799)).UtcDateTime;
        return Path.Combine(Folder, tier switch
        {
            Tier.Samples => string.Create(CultureInfo.InvariantCulture, $"samples-{day:yyyy-MM-dd}.seg"),
            Tier.Minutes => string.Create(CultureInfo.InvariantCulture, $"minutes-{day:yyyy-MM-dd}.seg"),
            _ => string.Create(CultureInfo.InvariantCulture, $"quarters-{day:yyyy-MM}.seg"),
        });
    }

    /// <summary>The date a file's name carries (the first of the month for a monthly file), or null for a file not the archive's.</summary>
    internal static DateOnly? DateOf(string path)
    {
        string name = Path.GetFileName(path);
        int dash = name.IndexOf('-', StringComparison.Ordinal);
        int dot = name.IndexOf(".seg", StringComparison.Ordinal);
        if (dash < 0 || dot < dash)
        {
            return null;
        }

        string date = name[(dash + 1)..dot];
        return DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day) ? day
            : DateOnly.TryParseExact(date, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly month) ? month
            : null;
    }

    /// <summary>Whether a file holds a month (<c>quarters-2026-12.seg</c>, <c>events-2026-12.seg</c>) rather than a day.</summary>
    private static bool IsMonthly(string path)
    {
        string name = Path.GetFileName(path);
        int dot = name.IndexOf(".seg", StringComparison.Ordinal);
        return dot > 0 && name[..dot].Count(c => c == '-') == 2;
    }

    private static Tier? Kind(string path) => Path.GetFileName(path) switch
    {
        string n when n.StartsWith("samples-", StringComparison.Ordinal) => Tier.Samples,
        string n when n.StartsWith("minutes-", StringComparison.Ordinal) => Tier.Minutes,
        string n when n.StartsWith("quarters-", StringComparison.Ordinal) => Tier.QuarterHours,
        _ => null,
    };

    private IEnumerable<string> FilesOf(Tier tier, long from, long to)
    {
        if (!Directory.Exists(Folder))
        {
            yield break;
        }

        DateOnly first = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(from, 0, 253402300799)).UtcDateTime);
        DateOnly last = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(to, 0, 253402300799)).UtcDateTime);
        if (tier == Tier.QuarterHours)
        {
            first = new DateOnly(first.Year, first.Month, 1);
        }

        foreach (string path in Directory.GetFiles(Folder, "*.seg").Order(StringComparer.Ordinal))
        {
            if (path.EndsWith(".seg", StringComparison.Ordinal) && Kind(path) == tier && DateOf(path) is DateOnly date && date >= first && date <= last)
            {
                yield return path;
            }
        }
    }

    /// <summary>Checks a file the first time this run touches it: a torn tail is cut off, a damaged file moved aside.</summary>
    private void Prepare(string path)
    {
        if (_namesWritten.ContainsKey(path))
        {
            return;
        }

        _namesWritten[path] = 0;
        try
        {
            (ScanResult result, string? movedTo) = SegmentFile.OpenForAppend(path, _time);
            if (movedTo is not null)
            {
                Reported(path, movedTo, result.Reason!);
            }
            else if (result.End == ScanEnd.TornTail)
            {
                LogTornTail(_logger, path, result.Reason!, result.GoodLength);
            }
        }
        catch (IOException e)
        {
            LogUnreadable(_logger, path, e.Message);
        }
    }

    private void Damaged(string path, string reason)
    {
        try
        {
            Reported(path, SegmentFile.MoveAside(path, _time), reason);
        }
        catch (IOException e)
        {
            LogUnreadable(_logger, path, e.Message);
        }

        _namesWritten.Remove(path);
    }

    private void Reported(string path, string movedTo, string reason)
    {
        LogMovedAside(_logger, path, reason, movedTo);
        _events.Add(new AgentEvent(
            _time.GetUtcNow().ToUnixTimeSeconds(), EventKinds.DataMovedAside, "warning", "history",
            $"The history file {Path.GetFileName(path)} was damaged ({reason}); it was moved aside as {Path.GetFileName(movedTo)} and the history goes on without it"));
    }

    private void Delete(string path)
    {
        try
        {
            File.Delete(path);
            _namesWritten.Remove(path);
        }
        catch (IOException e)
        {
            LogUnreadable(_logger, path, e.Message);
        }
    }

    private static void Frame(ArrayBufferWriter<byte> records, byte type, long time, ReadOnlySpan<byte> payload) => SegmentFile.Frame(records, type, time, payload);

    private ReadOnlySpan<byte> EncodeNames(IReadOnlyList<string> names)
    {
        _payload.ResetWrittenCount();
        Span<byte> count = _payload.GetSpan(2);
        BinaryPrimitives.WriteUInt16LittleEndian(count, (ushort)names.Count);
        _payload.Advance(2);
        foreach (string name in names)
        {
            int length = Encoding.UTF8.GetByteCount(name);
            Span<byte> span = _payload.GetSpan(2 + length);
            BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)length);
            Encoding.UTF8.GetBytes(name, span[2..]);
            _payload.Advance(2 + length);
        }

        return _payload.WrittenSpan;
    }

    private ReadOnlySpan<byte> EncodePoint(HistoryTier ram, int columns, int age)
    {
        _payload.ResetWrittenCount();
        int bitmap = (columns + 7) / 8;
        bool coarse = ram.KeepsRange;
        Span<byte> head = _payload.GetSpan(2 + (2 * bitmap));
        head[..(2 + (2 * bitmap))].Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(head, (ushort)columns);
        Span<byte> present = head.Slice(2, bitmap);
        Span<byte> ranged = coarse ? head.Slice(2 + bitmap, bitmap) : [];
        for (int s = 0; s < columns; s++)
        {
            (float avg, float min, float max) = ram.ValueAt(s, age);
            if (float.IsNaN(avg))
            {
                continue;
            }

            present[s / 8] |= (byte)(1 << (s % 8));
            if (coarse && (min != avg || max != avg))
            {
                ranged[s / 8] |= (byte)(1 << (s % 8));
            }
        }

        int headLength = 2 + ((coarse ? 2 : 1) * bitmap);
        byte[] copy = head[..headLength].ToArray();
        _payload.Advance(headLength);
        for (int s = 0; s < columns; s++)
        {
            if ((copy[2 + (s / 8)] & (1 << (s % 8))) != 0)
            {
                WriteSingle(ram.ValueAt(s, age).Average);
            }
        }

        for (int s = 0; coarse && s < columns; s++)
        {
            if ((copy[2 + bitmap + (s / 8)] & (1 << (s % 8))) != 0)
            {
                (_, float min, float max) = ram.ValueAt(s, age);
                WriteSingle(min);
                WriteSingle(max);
            }
        }

        return _payload.WrittenSpan;
    }

    private void WriteSingle(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(_payload.GetSpan(4), value);
        _payload.Advance(4);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The history file {Path} is damaged ({Reason}); moved aside as {MovedTo}")]
    private static partial void LogMovedAside(ILogger logger, string path, string reason, string movedTo);

    [LoggerMessage(Level = LogLevel.Information, Message = "The history file {Path} ended in a write cut short by a power cut or a kill ({Reason}); its first {Length} bytes, every whole record, are kept")]
    private static partial void LogTornTail(ILogger logger, string path, string reason, long length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The history file {Path} cannot be used: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string path, string reason);

    /// <summary>
    /// Decodes the records of the files read, in order, keeping the later of two points with one time (a coarse slot
    /// written in progress, then whole) and handing each point on with the names in force when it was written.
    /// </summary>
    private sealed class PointReader(bool coarse, long from, long to, IArchivePoints sink)
    {
        private string[] _names = [];
        private float[] _avg = new float[HistoryStore.MaxSeries];
        private float[] _min = new float[HistoryStore.MaxSeries];
        private float[] _max = new float[HistoryStore.MaxSeries];
        private long _time = long.MinValue;
        private string[] _pendingNames = [];
        private int _columns;

        public bool Visit(byte type, long time, ReadOnlySpan<byte> payload)
        {
            if (type == NamesRecord)
            {
                _names = DecodeNames(payload) ?? _names;
                return true;
            }

            if (type != PointRecord || time < from || time > to || payload.Length < 2)
            {
                return true;
            }

            if (time != _time)
            {
                Finish();
            }

            int columns = Math.Min(BinaryPrimitives.ReadUInt16LittleEndian(payload), Math.Min(_names.Length, HistoryStore.MaxSeries));
            int bitmap = (BinaryPrimitives.ReadUInt16LittleEndian(payload) + 7) / 8;
            int head = 2 + ((coarse ? 2 : 1) * bitmap);
            if (payload.Length < head)
            {
                return true;
            }

            ReadOnlySpan<byte> present = payload.Slice(2, bitmap);
            ReadOnlySpan<byte> ranged = coarse ? payload.Slice(2 + bitmap, bitmap) : [];
            int needed = head + (4 * Count(present)) + (8 * Count(ranged));
            if (payload.Length < needed)
            {
                return true;
            }

            _avg.AsSpan(0, columns).Fill(float.NaN);
            int offset = head;
            for (int s = 0; s < bitmap * 8; s++)
            {
                if ((present[s / 8] & (1 << (s % 8))) == 0)
                {
                    continue;
                }

                if (s < columns)
                {
                    _avg[s] = BinaryPrimitives.ReadSingleLittleEndian(payload[offset..]);
                }

                offset += 4;
            }

            for (int s = 0; s < columns; s++)
            {
                (_min[s], _max[s]) = (_avg[s], _avg[s]);
            }

            for (int s = 0; coarse && s < bitmap * 8; s++)
            {
                if ((ranged[s / 8] & (1 << (s % 8))) == 0)
                {
                    continue;
                }

                if (s < columns)
                {
                    _min[s] = BinaryPrimitives.ReadSingleLittleEndian(payload[offset..]);
                    _max[s] = BinaryPrimitives.ReadSingleLittleEndian(payload[(offset + 4)..]);
                }

                offset += 8;
            }

            (_time, _columns, _pendingNames) = (time, columns, _names);
            return true;
        }

        /// <summary>Hands on the point held back (a later one with its time would have replaced it).</summary>
        public void Finish()
        {
            if (_time != long.MinValue)
            {
                sink.Point(_time, _pendingNames, _avg.AsSpan(0, _columns), _min.AsSpan(0, _columns), _max.AsSpan(0, _columns));
                _time = long.MinValue;
            }
        }

        private static int Count(ReadOnlySpan<byte> bitmap)
        {
            int n = 0;
            foreach (byte b in bitmap)
            {
                n += BitOperations.PopCount(b);
            }

            return n;
        }

        private static string[]? DecodeNames(ReadOnlySpan<byte> payload)
        {
            if (payload.Length < 2)
            {
                return null;
            }

            int count = BinaryPrimitives.ReadUInt16LittleEndian(payload);
            var names = new string[count];
            int offset = 2;
            for (int i = 0; i < count; i++)
            {
                if (payload.Length < offset + 2)
                {
                    return null;
                }

                int length = BinaryPrimitives.ReadUInt16LittleEndian(payload[offset..]);
                if (payload.Length < offset + 2 + length)
                {
                    return null;
                }

                names[i] = Encoding.UTF8.GetString(payload.Slice(offset + 2, length));
                offset += 2 + length;
            }

            return names;
        }
    }
}

/// <summary>Receives the points an <see cref="HistoryArchive"/> read, oldest first.</summary>
public interface IArchivePoints
{
    /// <summary>One point: its time, the series' names by column (the same array until the names change), and each column's figures (NaN for none).</summary>
    void Point(long time, string[] names, ReadOnlySpan<float> average, ReadOnlySpan<float> minimum, ReadOnlySpan<float> maximum);
}
