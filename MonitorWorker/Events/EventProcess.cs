using HardwareProbes.RunningProcesses;

namespace MonitorWorker.Events;

/// <summary>A process named by a spike event, as it was at that moment.</summary>
public sealed record EventProcess(int Pid, string Name, string? Command, string? User, double? CpuPercent, long? RssBytes, double? MemoryPercent)
{
    public static EventProcess From(ProcessEntry p) => new(
        p.Pid, p.Name, p.CommandLine, p.User, p.CpuPercent is double c ? Math.Round(c, 1) : null, p.RssBytes, p.MemoryPercent is double m ? Math.Round(m, 1) : null);
}
