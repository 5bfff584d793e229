namespace HardwareProbes.RunningProcesses;

/// <summary>One process, as read from <c>/proc/&lt;pid&gt;</c>.</summary>
/// <param name="Pid">The process id.</param>
/// <param name="ParentPid">The parent's process id.</param>
/// <param name="Name">The kernel's command name (<c>comm</c>, at most 15 characters).</param>
/// <param name="CommandLine">The arguments joined by spaces, at most <see cref="ProcessCollector.MaxCommandLineChars"/> characters; null for kernel threads and zombies, which have none.</param>
/// <param name="User">The owner's name from <c>/etc/passwd</c>, else the uid as a number; null when <c>status</c> could not be read.</param>
/// <param name="State">The state letter: R running, S sleeping, D waiting on I/O, Z zombie, T stopped, I idle kernel thread.</param>
/// <param name="CpuPercent">
/// CPU time used per wall time, in percent of one CPU (a process busy on two cores shows 200), as ps and top count it:
/// over the window since the previous collection for a process seen then, otherwise since the process started.
/// </param>
/// <param name="RssBytes">Resident memory (<c>VmRSS</c>); null for kernel threads.</param>
/// <param name="MemoryPercent">Resident memory as a percentage of <c>MemTotal</c>; null when either is unknown.</param>
/// <param name="Threads">The number of threads.</param>
/// <param name="RunningSeconds">Seconds since the process started.</param>
public sealed record ProcessEntry(
    int Pid,
    int ParentPid,
    string Name,
    string? CommandLine,
    string? User,
    char State,
    double? CpuPercent,
    long? RssBytes,
    double? MemoryPercent,
    int Threads,
    double RunningSeconds)
{
    /// <summary>Gets user plus system time in clock ticks, the baseline of the next collection.</summary>
    internal long CpuTicks { get; init; }

    /// <summary>Gets the start time in ticks after boot, which tells a reused pid from the process seen before.</summary>
    internal long StartTicks { get; init; }

    /// <summary>Gets the seconds since boot when this process's files were read.</summary>
    internal double ReadAtUptime { get; init; }
}
