namespace HardwareProbes.ChildProcesses;

/// <summary>The one seam through which the probes start processes.</summary>
internal interface IProcessRunner
{
    /// <summary>Runs a command to completion, killing it when it outlives <paramref name="timeout"/>.</summary>
    CommandResult Run(string file, IReadOnlyList<string> arguments, TimeSpan timeout);

    /// <summary>Starts a long-lived child.</summary>
    IChildProcess Start(string file, IReadOnlyList<string> arguments);
}
