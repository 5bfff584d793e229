using HardwareProbes.Jetson;
using HardwareProbes.RaspberryPi;
using HardwareProbes.Snapshots;

namespace MonitorWorker.Events;

/// <summary>
/// Compares each snapshot with the one before and writes what changed to the <see cref="EventLog"/>: a Raspberry Pi
/// condition starting or ending (from the live bits of <c>get_throttled</c>), a sticky "has occurred" bit first seen,
/// tegrastats restarting, going absent or running again, a source failing (two samples in a row) or reading again. The first snapshot
/// records the agent's start and the sticky bits already set (they happened before the agent started). A snapshot
/// with nothing new allocates nothing.
/// </summary>
public sealed class EventRecorder(EventLog log, DateTimeOffset startedAt)
{
    // Each condition's words for a person, in ThrottleFlag.All's order; its subject is the condition's one name.
    private static readonly (ThrottleFlag Flag, string Words)[] Conditions =
        [.. ThrottleFlag.All.Zip((string[])["under-voltage", "Arm frequency capping", "throttling", "the soft temperature limit"])];

    private readonly EventLog _log = log ?? throw new ArgumentNullException(nameof(log));
    private readonly Dictionary<string, int> _failedFor = new(StringComparer.Ordinal); // samples in a row a source has failed
    private bool _started;
    private ThrottleConditions? _throttle;
    private int _restarts;
    private TegrastatsStatus? _tegrastats;
    private readonly Dictionary<string, long> _overCurrent = new(StringComparer.Ordinal);

    /// <summary>Records what changed since the previous snapshot.</summary>
    public void Record(HardwareSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        long now = snapshot.Timestamp.ToUnixTimeSeconds();
        if (!_started)
        {
            _started = true;
            _log.Add(new AgentEvent(startedAt.ToUnixTimeSeconds(), EventKinds.AgentStart, "info", "agent", $"pi-stat started on {snapshot.Identity.Model ?? snapshot.Identity.Board.ToString()}"));
        }

        RecordThrottle(snapshot.RaspberryPi?.Throttle, now);
        RecordTegrastats(snapshot.Jetson, now);
        RecordOverCurrent(snapshot.Jetson, now);
        RecordSources(snapshot, now);
    }

    private void RecordThrottle(ThrottleState? state, long now)
    {
        if (state is null)
        {
            return;
        }

        ThrottleConditions current = state.Conditions;
        ThrottleConditions before = _throttle ?? 0;
        if (current == _throttle)
        {
            return;
        }

        foreach ((ThrottleFlag flag, string words) in Conditions)
        {
            (string subject, ThrottleConditions live, ThrottleConditions occurred) = flag;
            bool isOn = (current & live) != 0;
            bool wasOn = (before & live) != 0;
            if (isOn && !wasOn)
            {
                _log.Add(new AgentEvent(now, EventKinds.ConditionStart, Severity(live), subject, $"{Capitalised(words)} began"));
            }
            else if (!isOn && wasOn)
            {
                _log.Add(new AgentEvent(now, EventKinds.ConditionEnd, "info", subject, $"{Capitalised(words)} ended"));
            }

            // A sticky bit set by a condition seen live here says nothing new; one set before the agent looked does.
            if ((current & occurred) != 0 && (before & occurred) == 0 && !isOn)
            {
                string when = _throttle is null ? "before the agent started" : "between two samples";
                _log.Add(new AgentEvent(now, EventKinds.ConditionOccurred, "warning", subject, $"{Capitalised(words)} has occurred since boot ({when})"));
            }
        }

        _throttle = current;
    }

    private void RecordTegrastats(JetsonReading? jetson, long now)
    {
        if (jetson is null)
        {
            return;
        }

        if (jetson.Restarts > _restarts)
        {
            string why = jetson.LastError is { Length: > 0 } error ? $": {error}" : string.Empty;
            _log.Add(new AgentEvent(now, EventKinds.TegrastatsRestart, "warning", "tegrastats", $"tegrastats restarted (restart {jetson.Restarts}){why}"));
        }

        _restarts = jetson.Restarts;
        TegrastatsStatus status = jetson.Status;
        if (status != _tegrastats)
        {
            if (status is TegrastatsStatus.Absent or TegrastatsStatus.Stopped)
            {
                _log.Add(new AgentEvent(now, EventKinds.TegrastatsAbsent, "warning", "tegrastats", $"tegrastats is {(status == TegrastatsStatus.Absent ? "absent" : "stopped")}{(jetson.LastError is { Length: > 0 } e ? $": {e}" : string.Empty)}"));
            }
            else if (status == TegrastatsStatus.Running && _tegrastats is TegrastatsStatus.Absent or TegrastatsStatus.Stopped)
            {
                _log.Add(new AgentEvent(now, EventKinds.TegrastatsRunning, "info", "tegrastats", "tegrastats runs again"));
            }

            _tegrastats = status;
        }
    }

    /// <summary>A Jetson over-current counter that grew: events since the last sample, or, at the first sight, since boot.</summary>
    private void RecordOverCurrent(JetsonReading? jetson, long now)
    {
        if (jetson is null)
        {
            return;
        }

        foreach (OverCurrentCounter counter in jetson.OverCurrent)
        {
            if (counter.Events is not long events)
            {
                continue;
            }

            bool seen = _overCurrent.TryGetValue(counter.Name, out long before);
            if (!seen && events > 0)
            {
                _log.Add(new AgentEvent(now, EventKinds.OverCurrent, "warning", counter.Name, $"{Capitalised(counter.Meaning)}: {events} events since boot (before the agent started)"));
            }
            else if (seen && events > before)
            {
                _log.Add(new AgentEvent(now, EventKinds.OverCurrent, "critical", counter.Name, $"{Capitalised(counter.Meaning)}: {events - before} new events ({events} since boot){(counter.ThrottleEnabled == true ? "; the SoC was throttled" : string.Empty)}"));
            }

            if (!seen || events != before)
            {
                _overCurrent[counter.Name] = events;
            }
        }
    }

    private void RecordSources(HardwareSnapshot snapshot, long now)
    {
        if (snapshot.Sources is Dictionary<string, string> sources)
        {
            foreach (KeyValuePair<string, string> source in sources) // the probes' own type: no boxed enumerator
            {
                RecordSource(snapshot, source.Key, source.Value, now);
            }
        }
        else
        {
            foreach (KeyValuePair<string, string> source in snapshot.Sources)
            {
                RecordSource(snapshot, source.Key, source.Value, now);
            }
        }
    }

    private void RecordSource(HardwareSnapshot snapshot, string name, string status, long now)
    {
        if (!snapshot.ExpectedSources.Contains(name))
        {
            return;
        }

        // A failure is an event from its second sample in a row: one sample's blip (tegrastats' first line not yet
        // printed when the agent starts) is not.
        bool failed = snapshot.StateOf(name) == SourceState.Failed;
        _failedFor.TryGetValue(name, out int before);
        int after = failed ? Math.Min(before + 1, 2) : 0;
        if (after == 2 && before == 1)
        {
            _log.Add(new AgentEvent(now, EventKinds.SourceFailed, "warning", name, $"{name} failed: {status}"));
        }
        else if (after == 0 && before == 2)
        {
            _log.Add(new AgentEvent(now, EventKinds.SourceRecovered, "info", name, $"{name} reads again"));
        }

        if (after != before)
        {
            _failedFor[name] = after;
        }
    }

    private static string Severity(ThrottleConditions live) => live is ThrottleConditions.UnderVoltage or ThrottleConditions.Throttled ? "critical" : "warning";

    private static string Capitalised(string words) => char.ToUpperInvariant(words[0]) + words[1..];
}
