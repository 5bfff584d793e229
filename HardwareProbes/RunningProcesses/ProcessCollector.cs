using System.Globalization;
using System.IO.Abstractions;
using System.Text;
using HardwareProbes.Machine;
using HardwareProbes.IO;
using HardwareProbes.Memory;

namespace HardwareProbes.RunningProcesses;

/// <summary>
/// Reads every process from <c>/proc/&lt;pid&gt;/stat</c>, <c>status</c> and <c>cmdline</c> through the same bounded
/// reader as the other probes. A collection costs three reads per process, so it is meant to run only while
/// someone asks; nothing runs between calls.
/// </summary>
/// <remarks>
/// CPU percentages need two readings: pass the previous table to measure over the window between them. A process
/// the previous table does not hold (or a pid reused since) is measured over its whole life, as <c>ps</c> does.
/// Processes that exit between the listing and the reading of their files are skipped, not errors. Calls are
/// serialised; one instance serves one caller at a time.
/// </remarks>
public sealed class ProcessCollector : IDisposable
{
    /// <summary>Clock ticks per second of the times in <c>/proc/&lt;pid&gt;/stat</c> (USER_HZ, 100 on every Linux architecture this runs on).</summary>
    public const int TicksPerSecond = 100;

    /// <summary>Command lines are cut to this many characters.</summary>
    public const int MaxCommandLineChars = 256;

    private readonly ProbeFiles _files;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly string _uptimePath;
    private readonly string _memInfoPath;
    private readonly string _passwdPath;

    /// <summary>Creates a collector reading the real <c>/proc</c> and <c>/etc/passwd</c> under the roots of <paramref name="options"/>.</summary>
    /// <param name="options">Roots and limits.</param>
    public ProcessCollector(ProbeOptions options)
        : this(new FileSystem(), options, TimeProvider.System)
    {
    }

    /// <summary>Creates a collector reading through <paramref name="fileSystem"/>.</summary>
    /// <param name="fileSystem">The filesystem to read.</param>
    /// <param name="options">Roots and limits.</param>
    /// <param name="timeProvider">The clock for timestamps.</param>
    public ProcessCollector(IFileSystem fileSystem, ProbeOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _files = new ProbeFiles(fileSystem, options, rememberMissing: false); // pids come and go: remembering them would grow without end
        _time = timeProvider;
        _uptimePath = $"{_files.Proc}/uptime";
        _memInfoPath = $"{_files.Proc}/meminfo";
        _passwdPath = $"{_files.Etc}/passwd";
    }

    /// <summary>Reads every process.</summary>
    /// <param name="previous">The previous table of this collector, the baseline of CPU percentages; null for none.</param>
    /// <returns>The table; empty with <see cref="ProcessTable.Failure"/> when <c>/proc</c> or its uptime cannot be read.</returns>
    public ProcessTable Collect(ProcessTable? previous = null)
    {
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            if (!_files.TryParse(_uptimePath, static t => Uptime.ParseSeconds(t), out double uptime, out string? failure))
            {
                return new ProcessTable(now, 0, [], null, 0, failure);
            }

            IReadOnlyList<string> names = _files.ListNames(_files.Proc, "*", out failure);
            if (failure is not null)
            {
                return new ProcessTable(now, uptime, [], null, 0, failure);
            }

            long? memTotal = _files.TryParse(_memInfoPath, static t => MemInfo.Parse(t), out MemInfo? mem, out string? memFailure) ? mem!.MemTotalBytes : null;
            Dictionary<int, string> users = _files.TryParse(_passwdPath, static t => UserNames.Parse(t), out Dictionary<int, string>? parsed, out _) ? parsed! : [];

            long uptimeReadAt = _time.GetTimestamp();
            double? window = previous is not null && uptime > previous.UptimeSeconds ? uptime - previous.UptimeSeconds : null;
            Dictionary<int, ProcessEntry>? before = window is null ? null : previous!.Processes.ToDictionary(static p => p.Pid);
            var processes = new List<ProcessEntry>(names.Count);
            int skipped = 0;
            string? firstFailure = memFailure;
            foreach (string name in names)
            {
                if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
                {
                    continue;
                }

                // Reading hundreds of processes takes a while on a small board: each is timed at its own read, from
                // the uptime read once and the monotonic clock since, or a process read late would seem busier.
                double readAt = uptime + _time.GetElapsedTime(uptimeReadAt).TotalSeconds;
                ProcessEntry? entry = Read(pid, readAt, before, memTotal, users, out string? readFailure);
                if (entry is null)
                {
                    skipped++;
                    firstFailure ??= readFailure;
                    continue;
                }

                processes.Add(entry);
            }

            return new ProcessTable(now, uptime, processes, window, skipped, firstFailure);
        }
    }

    /// <summary>Stops the reader's worker thread.</summary>
    public void Dispose() => _files.Dispose();

    private ProcessEntry? Read(int pid, double uptime, Dictionary<int, ProcessEntry>? before, long? memTotal, Dictionary<int, string> users, out string? failure)
    {
        string directory = $"{_files.Proc}/{pid}";
        if (!_files.TryParse($"{directory}/stat", static t => ProcessStat.Parse(t), out ProcessStat stat, out failure))
        {
            // Gone since the listing: not a failure of anything, just a process that ended.
            if (failure.EndsWith(": not found", StringComparison.Ordinal) || !_files.FileSystem.Directory.Exists(directory))
            {
                failure = null;
            }

            return null;
        }

        ProcessStatus status = _files.TryParse($"{directory}/status", static t => ProcessStatus.Parse(t), out ProcessStatus s, out _) ? s : default;
        string? commandLine = _files.TryParse($"{directory}/cmdline", static t => CommandLine(t), out string? line, out _) ? line : null;

        double running = Math.Max(0, uptime - ((double)stat.StartTicks / TicksPerSecond));
        double? cpu = null;
        if (before is not null && before.TryGetValue(pid, out ProcessEntry? seen) && seen.StartTicks == stat.StartTicks && uptime > seen.ReadAtUptime)
        {
            cpu = stat.CpuTicks >= seen.CpuTicks ? (stat.CpuTicks - seen.CpuTicks) * 100.0 / TicksPerSecond / (uptime - seen.ReadAtUptime) : null;
        }
        else if (running > 0)
        {
            cpu = stat.CpuTicks * 100.0 / TicksPerSecond / running;
        }

        string? user = status.Uid is int uid ? users.GetValueOrDefault(uid) ?? uid.ToString(CultureInfo.InvariantCulture) : null;
        double? memoryPercent = status.RssBytes is long rss && memTotal is long total ? rss * 100.0 / total : null;
        return new ProcessEntry(pid, stat.ParentPid, stat.Name, commandLine, user, stat.State, cpu, status.RssBytes, memoryPercent, stat.Threads, running)
        {
            CpuTicks = stat.CpuTicks,
            StartTicks = stat.StartTicks,
            ReadAtUptime = uptime,
        };
    }

    /// <summary>The NUL-separated arguments joined by spaces and cut to <see cref="MaxCommandLineChars"/>; null when empty.</summary>
    internal static string? CommandLine(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> trimmed = text.TrimEnd('\0');
        if (trimmed.IsEmpty)
        {
            return null;
        }

        bool cut = trimmed.Length > MaxCommandLineChars;
        ReadOnlySpan<char> kept = cut ? trimmed[..(MaxCommandLineChars - 1)] : trimmed;
        var builder = new StringBuilder(kept.Length + 1);
        foreach (char c in kept)
        {
            builder.Append(c == '\0' || char.IsControl(c) ? ' ' : c);
        }

        return cut ? builder.Append('…').ToString() : builder.ToString();
    }
}
