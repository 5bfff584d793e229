namespace HardwareProbes.RunningProcesses;

/// <summary>How <see cref="ProcessTable.Top"/> orders processes.</summary>
public enum ProcessSort
{
    /// <summary>Most CPU first; processes without a figure last.</summary>
    Cpu,

    /// <summary>Most resident memory first.</summary>
    Memory,

    /// <summary>By name, case-insensitively, then by pid.</summary>
    Name,

    /// <summary>By pid, lowest first.</summary>
    Pid,

    /// <summary>Longest running first.</summary>
    Time,
}
