namespace MonitorWorker.Events;

/// <summary>
/// What happened to the board and the agent, newest last, in a ring of <see cref="Capacity"/> events kept in RAM.
/// An event costs its record and its message (about 200 bytes); events are rare (a condition starting or ending),
/// so the ring's full size, about 200 KB, is reached only on a board that flaps for days.
/// </summary>
public sealed class EventLog
{
    /// <summary>The most events kept; the oldest goes first.</summary>
    public const int Capacity = 1000;

    private readonly Lock _gate = new();
    private readonly AgentEvent?[] _ring = new AgentEvent?[Capacity];
    private int _next;
    private long _count;

    /// <summary>Gets how many events were ever recorded (the ring keeps the newest <see cref="Capacity"/>).</summary>
    public long Recorded
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Raised after each event <see cref="Add"/> records, on the thread that added it; keep the handler short.</summary>
    public event Action<AgentEvent>? Added;

    /// <summary>Adds an event and tells the <see cref="Added"/> handlers.</summary>
    public void Add(AgentEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        lock (_gate)
        {
            _ring[_next] = e;
            _next = (_next + 1) % Capacity;
            _count++;
        }

        Added?.Invoke(e);
    }

    /// <summary>
    /// Puts events of earlier runs (read back from disk), oldest first, before the ones this run recorded, keeping the
    /// newest <see cref="Capacity"/>; no <see cref="Added"/> handler hears of them.
    /// </summary>
    public void Restore(IReadOnlyList<AgentEvent> earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        lock (_gate)
        {
            int kept = (int)Math.Min(_count, Capacity);
            var all = new List<AgentEvent>(earlier.Count + kept);
            all.AddRange(earlier);
            for (int i = 0; i < kept; i++)
            {
                all.Add(_ring[(_next - kept + i + Capacity) % Capacity]!);
            }

            Array.Clear(_ring);
            int from = Math.Max(0, all.Count - Capacity);
            for (int i = from; i < all.Count; i++)
            {
                _ring[i - from] = all[i];
            }

            _next = (all.Count - from) % Capacity;
            _count += earlier.Count;
        }
    }

    /// <summary>The events kept, oldest first.</summary>
    public IReadOnlyList<AgentEvent> All()
    {
        lock (_gate)
        {
            int kept = (int)Math.Min(_count, Capacity);
            var events = new List<AgentEvent>(kept);
            for (int i = 0; i < kept; i++)
            {
                events.Add(_ring[(_next - kept + i + Capacity) % Capacity]!);
            }

            return events;
        }
    }
}

/// <summary>One event: when (Unix seconds), what kind, how serious, about what, and a sentence for a person.</summary>
/// <param name="Time">Unix seconds.</param>
/// <param name="Kind">One of <see cref="EventKinds"/>.</param>
/// <param name="Severity"><c>info</c>, <c>warning</c> or <c>critical</c>.</param>
/// <param name="Subject">The condition, source or resource (cpu, memory) the event is about.</param>
/// <param name="Message">What happened, in words.</param>
public sealed record AgentEvent(long Time, string Kind, string Severity, string Subject, string Message)
{
    /// <summary>Gets the top processes at that moment, for a CPU or memory spike; null for other events.</summary>
    public IReadOnlyList<EventProcess>? Processes { get; init; }
}

/// <summary>The kinds of event.</summary>
public static class EventKinds
{
    /// <summary>The agent started.</summary>
    public const string AgentStart = "agent_start";

    /// <summary>A Raspberry Pi condition (under-voltage, frequency capping, throttling, soft temperature limit) began.</summary>
    public const string ConditionStart = "condition_start";

    /// <summary>A Raspberry Pi condition ended.</summary>
    public const string ConditionEnd = "condition_end";

    /// <summary>A Raspberry Pi "has occurred since boot" bit was first seen set.</summary>
    public const string ConditionOccurred = "condition_occurred";

    /// <summary>tegrastats was restarted after it exited, stalled or printed garbage.</summary>
    public const string TegrastatsRestart = "tegrastats_restart";

    /// <summary>tegrastats is not on this board (or stopped).</summary>
    public const string TegrastatsAbsent = "tegrastats_absent";

    /// <summary>tegrastats runs again after an absence.</summary>
    public const string TegrastatsRunning = "tegrastats_running";

    /// <summary>A source the board should have failed.</summary>
    public const string SourceFailed = "source_failed";

    /// <summary>A source that had failed reads again.</summary>
    public const string SourceRecovered = "source_recovered";

    /// <summary>CPU use stayed at or above PISTAT_SPIKE_CPU_PERCENT for PISTAT_SPIKE_SAMPLES samples; the event names the top processes.</summary>
    public const string CpuSpike = "cpu_spike";

    /// <summary>Memory use stayed at or above PISTAT_SPIKE_MEMORY_PERCENT for PISTAT_SPIKE_SAMPLES samples; the event names the top processes.</summary>
    public const string MemorySpike = "memory_spike";

    /// <summary>A Jetson over-current counter (oc1 under-voltage, oc2 average, oc3 instantaneous over-current) grew.</summary>
    public const string OverCurrent = "over_current";

    /// <summary>The previous run ended without a clean stop (a power cut, a crash, kill -9); the message says about when.</summary>
    public const string UncleanStop = "unclean_stop";

    /// <summary>A damaged file of the history or the event log was moved aside; the agent goes on without it.</summary>
    public const string DataMovedAside = "data_moved_aside";

    /// <summary>Every kind.</summary>
    public static readonly IReadOnlyList<string> All =
        [AgentStart, ConditionStart, ConditionEnd, ConditionOccurred, TegrastatsRestart, TegrastatsAbsent, TegrastatsRunning, SourceFailed, SourceRecovered, CpuSpike, MemorySpike, OverCurrent, UncleanStop, DataMovedAside];
}
