namespace HardwareProbes.ChildProcesses;

/// <summary>What a short-lived command did: its exit code and output, or that it ran out of time or could not start.</summary>
internal sealed record CommandResult(int? ExitCode, string StandardOutput, string StandardError, string? Failure)
{
    public bool Succeeded => Failure is null && ExitCode == 0;
}
