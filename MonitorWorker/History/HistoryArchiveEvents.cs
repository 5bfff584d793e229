using System.Buffers;
using System.Globalization;
using System.Text.Json;
using MonitorWorker.Events;
using MonitorWorker.Persistence;

namespace MonitorWorker.History;

/// <summary>The event log on disk: <c>events-YYYY-MM.seg</c>, one record (type 3, its JSON) per event, written as it happens and kept 2 years.</summary>
public sealed partial class HistoryArchive
{
    private const byte EventRecord = 3;

    /// <summary>Appends events, in order, to their months' files and syncs them.</summary>
    public void WriteEvents(IReadOnlyList<AgentEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        lock (_files)
        {
            Directory.CreateDirectory(Folder);
            foreach (IGrouping<string, AgentEvent> month in events.GroupBy(e => EventsPath(e.Time)))
            {
                Prepare(month.Key);
                var records = new ArrayBufferWriter<byte>(1024);
                foreach (AgentEvent e in month)
                {
                    SegmentFile.Frame(records, EventRecord, e.Time, JsonSerializer.SerializeToUtf8Bytes(e, EventsJsonContext.Default.AgentEvent));
                }

                SegmentFile.Append(month.Key, records.WrittenSpan);
            }
        }
    }

    /// <summary>The newest <see cref="EventLog.Capacity"/> events on disk, oldest first; a damaged file is moved aside (and said) first.</summary>
    public IReadOnlyList<AgentEvent> ReadEvents()
    {
        lock (_files)
        {
            var events = new Queue<AgentEvent>();
            if (!Directory.Exists(Folder))
            {
                return [];
            }

            foreach (string path in Directory.GetFiles(Folder, "events-*.seg").Where(p => p.EndsWith(".seg", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                Prepare(path);
                if (!File.Exists(path))
                {
                    continue;
                }

                SegmentFile.Scan(path, (type, _, payload) =>
                {
                    if (type == EventRecord && Parse(payload) is AgentEvent e)
                    {
                        events.Enqueue(e);
                        if (events.Count > EventLog.Capacity)
                        {
                            events.Dequeue();
                        }
                    }

                    return true;
                });
            }

            return [.. events];
        }
    }

    private static AgentEvent? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, EventsJsonContext.Default.AgentEvent) is { Kind: not null, Severity: not null, Subject: not null, Message: not null } e ? e : null;
        }
        catch (JsonException)
        {
            return null; // a record whose checksum matched but whose text is not an event: written by a newer version
        }
    }

    private string EventsPath(long time)
        => Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"events-{DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(time, 0, 253402300799)).UtcDateTime:yyyy-MM}.seg"));
}
