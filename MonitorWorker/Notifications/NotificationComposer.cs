using System.Globalization;
using MonitorWorker.Events;

namespace MonitorWorker.Notifications;

/// <summary>
/// Turns events into messages for each target: those of PISTAT_NOTIFY_MIN_SEVERITY or more, and the end of every
/// condition whose start was sent ("… ended: recovered after 4 min"), whatever its own severity, so each condition
/// gives one message when it starts and one when it ends, never one per sample. A target gets at most
/// <see cref="PerHour"/> messages an hour; the rest are held and said in its next message, or in a summary of their
/// own once the hour allows (<see cref="Tick"/>).
/// </summary>
public sealed class NotificationComposer(string minSeverity, IReadOnlyList<NotifyTarget> targets)
{
    /// <summary>The most messages a target gets in an hour.</summary>
    public const int PerHour = 20;

    /// <summary>A start kind and the kind that ends it.</summary>
    private static readonly (string Start, string End)[] Pairs =
    [
        (EventKinds.ConditionStart, EventKinds.ConditionEnd),
        (EventKinds.SourceFailed, EventKinds.SourceRecovered),
        (EventKinds.TegrastatsAbsent, EventKinds.TegrastatsRunning),
    ];

    private readonly int _least = NotifyOptions.Rank(minSeverity);
    private readonly Dictionary<string, long> _open = new(StringComparer.Ordinal); // start kind/subject → when, for a start that was sent
    private readonly Dictionary<string, Window> _windows = targets.ToDictionary(t => t.Key, _ => new Window(), StringComparer.Ordinal);

    /// <summary>The messages an event gives, one per target it is not held back from; none when it is not to be sent.</summary>
    public IReadOnlyList<Notification> Compose(AgentEvent e, string node, NotificationReadings? readings, long now)
    {
        ArgumentNullException.ThrowIfNull(e);
        string message = e.Message;
        if (Pairs.FirstOrDefault(p => p.End == e.Kind) is { Start: not null } ended)
        {
            if (!_open.Remove(Key(ended.Start, e.Subject), out long since))
            {
                return []; // its start was not sent
            }

            message = $"{e.Message}: recovered after {Duration(e.Time - since)}";
        }
        else if (NotifyOptions.Rank(e.Severity) < _least)
        {
            return [];
        }
        else if (Pairs.Any(p => p.Start == e.Kind))
        {
            _open[Key(e.Kind, e.Subject)] = e.Time;
        }

        var messages = new List<Notification>();
        foreach (NotifyTarget target in targets)
        {
            Window window = _windows[target.Key];
            if (!window.Allows(now))
            {
                window.Hold(e, now);
                continue;
            }

            string text = message + window.TakeHeld();
            window.Sent(now);
            messages.Add(new Notification(Guid.CreateVersion7().ToString("N"), target.Key, e.Time, node, e.Severity, e.Kind, e.Subject, $"{node}: {Sentence(message)}", text, readings));
        }

        return messages;
    }

    /// <summary>A summary of the messages held back from each target whose hour now allows another.</summary>
    public IReadOnlyList<Notification> Tick(string node, long now)
    {
        var messages = new List<Notification>();
        foreach (NotifyTarget target in targets)
        {
            Window window = _windows[target.Key];
            if (window.HeldCount > 0 && window.Allows(now))
            {
                string severity = window.HeldSeverity;
                int count = window.HeldCount;
                string text = window.TakeHeld().TrimStart(' ', '(').TrimEnd(')');
                window.Sent(now);
                messages.Add(new Notification(Guid.CreateVersion7().ToString("N"), target.Key, now, node, severity, "summary", "notifications", $"{node}: {count} more events", Sentence(text), null));
            }
        }

        return messages;
    }

    /// <summary>"4 min", "1 h 5 min", "12 s".</summary>
    public static string Duration(long seconds) => seconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, seconds)} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(seconds + 30) / 60} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600} h {(seconds % 3600) / 60} min"),
    };

    private static string Key(string kind, string subject) => kind + "/" + subject;

    private static string Sentence(string text) => text.Length > 0 ? char.ToUpperInvariant(text[0]) + text[1..] : text;

    /// <summary>A target's last hour of messages, and what was held back from it.</summary>
    private sealed class Window
    {
        private readonly Queue<long> _sent = new();
        private readonly List<string> _held = [];
        private long _heldSince;

        public int HeldCount { get; private set; }

        public string HeldSeverity { get; private set; } = "info";

        public bool Allows(long now)
        {
            while (_sent.Count > 0 && _sent.Peek() <= now - 3600)
            {
                _sent.Dequeue();
            }

            return _sent.Count < PerHour;
        }

        public void Sent(long now) => _sent.Enqueue(now);

        public void Hold(AgentEvent e, long now)
        {
            _heldSince = HeldCount == 0 ? now : _heldSince;
            HeldCount++;
            HeldSeverity = NotifyOptions.Rank(e.Severity) > NotifyOptions.Rank(HeldSeverity) ? e.Severity : HeldSeverity;
            if (_held.Count < 5)
            {
                _held.Add(e.Message);
            }
        }

        /// <summary>" (also N more since HH:mm UTC, held back by the limit of 20 an hour: a; b; …)", or nothing; clears what was held.</summary>
        public string TakeHeld()
        {
            if (HeldCount == 0)
            {
                return string.Empty;
            }

            string more = HeldCount > _held.Count ? "; …" : string.Empty;
            string text = string.Create(CultureInfo.InvariantCulture, $" (also {HeldCount} more since {DateTimeOffset.FromUnixTimeSeconds(_heldSince):HH:mm} UTC, held back by the limit of {PerHour} an hour: {string.Join("; ", _held)}{more})");
            HeldCount = 0;
            HeldSeverity = "info";
            _held.Clear();
            return text;
        }
    }
}
