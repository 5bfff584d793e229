using HardwareProbes.RunningProcesses;

namespace MonitorWorker.Processes;

/// <summary><c>/api/processes</c>: the top processes, with what the table as a whole says.</summary>
/// <param name="Timestamp">When the table was collected (Unix seconds).</param>
/// <param name="CpuWindowSeconds">The window CPU percentages cover for processes seen in the table before; null when they cover each process's life.</param>
/// <param name="Total">How many processes were read.</param>
/// <param name="Skipped">How many ended, or could not be read, between the listing and their files.</param>
/// <param name="Error">Why the table is empty or incomplete, else null.</param>
/// <param name="Sort">The order asked for.</param>
/// <param name="Processes">At most the limit asked for.</param>
public sealed record ProcessesResponse(double Timestamp, double? CpuWindowSeconds, int Total, int Skipped, string? Error, string Sort, IReadOnlyList<ProcessStats> Processes);

/// <summary>One process; docs/processes.md gives each field's source.</summary>
public sealed record ProcessStats(
    int Pid,
    int Ppid,
    string Name,
    string? Command,
    string? User,
    string State,
    double? CpuPercent,
    long? RssBytes,
    double? MemoryPercent,
    int Threads,
    double RunningSeconds)
{
    public static ProcessStats From(ProcessEntry p) => new(
        p.Pid, p.ParentPid, p.Name, p.CommandLine, p.User, p.State.ToString(), Round(p.CpuPercent), p.RssBytes, Round(p.MemoryPercent), p.Threads, Math.Round(p.RunningSeconds, 2));

    internal static double? Round(double? value) => value is double v ? Math.Round(v, 2) : null;
}

/// <summary>piStat's <c>/processes</c> body: its six fields per process and a timestamp.</summary>
public sealed record PiStatProcessesResponse(IReadOnlyList<PiStatProcess> Processes, double Timestamp);

/// <summary>One process as piStat lists it; running_time in seconds.</summary>
public sealed record PiStatProcess(int Pid, string Name, string? User, double? CpuPercent, double? MemoryPercent, double RunningTime)
{
    public static PiStatProcess From(ProcessEntry p) => new(p.Pid, p.Name, p.User, ProcessStats.Round(p.CpuPercent), ProcessStats.Round(p.MemoryPercent), Math.Round(p.RunningSeconds, 2));
}
