using HardwareProbes.Jetson;
using HardwareProbes.RaspberryPi;
using HardwareProbes.Snapshots;

namespace MonitorWorker.Events;

/// <summary>
/// Compares each snapshot with the one before and writes what changed to the <see cref="EventLog"/>: a Raspberry Pi
/// condition starting or ending (from the live bits of <c>get_throttled</c>), a sticky "has occurred" bit first seen,
/// tegrastats restarting, going absent or running again, a source or sensor failing (two samples in a row) or reading
/// again, a Pi 5's EXT5V sagging, a UPS going on battery or low. The first snapshot
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
    private string? _supply; // the EXT5V level now: null (fine), "warning" or "critical"
    private (bool OnBattery, bool LowBattery)? _ups;
    private readonly Dictionary<(HardwareProbes.Sensors.SensorQuantity, string), string> _sensorSubjects = [];

    /// <summary>EXT5V below this is a warning, in volts: a healthy supply reads 4.9-5.1 V after the input protection.</summary>
    public const double Ext5vWarningVolts = 4.80;

    /// <summary>EXT5V below this is critical, in volts: close to the 4.63 V where the firmware flags under-voltage.</summary>
    public const double Ext5vCriticalVolts = 4.70;

    /// <summary>How far above the warning level EXT5V must climb for the condition to end, in volts (no flapping on noise).</summary>
    public const double Ext5vHysteresisVolts = 0.02;

    /// <summary>Records what changed since the previous snapshot.</summary>
    public void Record(HardwareSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        long now = snapshot.Timestamp.ToUnixTimeSeconds();
        if (!_started)
        {
            _started = true;
            HardwareProbes.RaspberryPi.PowerReset? reset = snapshot.RaspberryPi?.PowerReset;
            string cause = reset is null ? string.Empty : $"; the board came up after {reset.Description}";
            _log.Add(new AgentEvent(startedAt.ToUnixTimeSeconds(), EventKinds.AgentStart, reset is { Value: not 0 } ? "warning" : "info", "agent", $"pi-stat started on {snapshot.Identity.Model ?? snapshot.Identity.Board.ToString()}{cause}"));
        }

        RecordThrottle(snapshot.RaspberryPi?.Throttle, now);
        RecordTegrastats(snapshot.Jetson, now);
        RecordOverCurrent(snapshot.Jetson, now);
        RecordSources(snapshot, now);
        RecordSupply(snapshot.RaspberryPi?.Pmic?.Ext5vVolts, now);
        RecordSensors(snapshot.Sensors, now);
        RecordUps(snapshot.Ups, now);
    }

    /// <summary>The UPS going on battery or low, and back: conditions with a start and an end, as notifications pair them.</summary>
    private void RecordUps(HardwareProbes.Ups.UpsReading? ups, long now)
    {
        if (ups is null || _ups == (ups.OnBattery, ups.LowBattery))
        {
            return; // unread (the ups source's failure is its own event), or nothing new: no words built
        }

        (bool onBattery, bool lowBattery) before = _ups ?? (false, false);
        string charge = ups.ChargePercent is double c ? FormattableString.Invariant($", battery {c:0} %") : string.Empty;
        string runtime = ups.RuntimeSeconds is double r ? FormattableString.Invariant($", {r / 60:0} min left") : string.Empty;
        if (ups.OnBattery != before.onBattery)
        {
            _log.Add(ups.OnBattery
                ? new AgentEvent(now, EventKinds.ConditionStart, "warning", "ups_on_battery", $"UPS {ups.Name} on battery{charge}{runtime}")
                : new AgentEvent(now, EventKinds.ConditionEnd, "info", "ups_on_battery", $"UPS {ups.Name} back on line power{charge}"));
        }

        if (ups.LowBattery != before.lowBattery)
        {
            _log.Add(ups.LowBattery
                ? new AgentEvent(now, EventKinds.ConditionStart, "critical", "ups_low_battery", $"UPS {ups.Name} battery low{charge}{runtime}")
                : new AgentEvent(now, EventKinds.ConditionEnd, "info", "ups_low_battery", $"UPS {ups.Name} battery no longer low{charge}"));
        }

        _ups = (ups.OnBattery, ups.LowBattery);
    }

    /// <summary>
    /// A Raspberry Pi 5's 5 V input sagging before the firmware's under-voltage bit trips: warning below
    /// <see cref="Ext5vWarningVolts"/>, critical below <see cref="Ext5vCriticalVolts"/>, over when it is back above the
    /// warning level plus <see cref="Ext5vHysteresisVolts"/>.
    /// </summary>
    private void RecordSupply(double? volts, long now)
    {
        if (volts is not double v)
        {
            return;
        }

        string? level = v < Ext5vCriticalVolts ? "critical"
            : v < Ext5vWarningVolts ? "warning"
            : _supply is not null && v < Ext5vWarningVolts + Ext5vHysteresisVolts ? _supply
            : null;
        if (level == _supply || (level == "warning" && _supply == "critical"))
        {
            return; // unchanged, or easing from critical while still low: the condition goes on
        }

        string reading = v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        _log.Add(level is null
            ? new AgentEvent(now, EventKinds.ConditionEnd, "info", "supply_voltage", $"Supply voltage ended: EXT5V back to {reading} V")
            : new AgentEvent(now, EventKinds.ConditionStart, level, "supply_voltage", $"Supply voltage low: EXT5V {reading} V, below {(level == "critical" ? Ext5vCriticalVolts : Ext5vWarningVolts):0.00} V"));
        _supply = level;
    }

    /// <summary>A sensor that gives no value for two samples in a row (unplugged, its driver gone, an impossible reading), and its return.</summary>
    private void RecordSensors(IReadOnlyList<HardwareProbes.Sensors.SensorReading> sensors, long now)
    {
        foreach (HardwareProbes.Sensors.SensorReading sensor in sensors)
        {
            if (!_sensorSubjects.TryGetValue((sensor.Quantity, sensor.Key), out string? subject))
            {
                subject = HardwareProbes.Snapshots.SourceNames.Sensor(sensor.Quantity, sensor.Key);
                _sensorSubjects[(sensor.Quantity, sensor.Key)] = subject; // built once per sensor, not per sample
            }

            switch (Streak(subject, sensor.Value is null))
            {
                case true:
                    _log.Add(new AgentEvent(now, EventKinds.SourceFailed, "warning", subject, $"Sensor {sensor.Key} gives no value: {sensor.Failure}"));
                    break;
                case false:
                    _log.Add(new AgentEvent(now, EventKinds.SourceRecovered, "info", subject, $"Sensor {sensor.Key} reads again"));
                    break;
            }
        }
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
        switch (Streak(name, snapshot.StateOf(name) == SourceState.Failed))
        {
            case true:
                _log.Add(new AgentEvent(now, EventKinds.SourceFailed, "warning", name, $"{name} failed: {status}"));
                break;
            case false:
                _log.Add(new AgentEvent(now, EventKinds.SourceRecovered, "info", name, $"{name} reads again"));
                break;
        }
    }

    /// <summary>
    /// Counts a subject's failed samples in a row: true at the second (the failure is an event), false at the first good
    /// sample after that (the recovery is), null otherwise. One sample's blip is no event.
    /// </summary>
    private bool? Streak(string subject, bool failed)
    {
        _failedFor.TryGetValue(subject, out int before);
        int after = failed ? Math.Min(before + 1, 2) : 0;
        if (after != before)
        {
            _failedFor[subject] = after;
        }

        return after == 2 && before == 1 ? true : after == 0 && before == 2 ? false : null;
    }

    private static string Severity(ThrottleConditions live) => live is ThrottleConditions.UnderVoltage or ThrottleConditions.Throttled ? "critical" : "warning";

    private static string Capitalised(string words) => char.ToUpperInvariant(words[0]) + words[1..];
}
