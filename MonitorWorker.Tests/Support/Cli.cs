using System.Diagnostics;

namespace MonitorWorker.Tests;

/// <summary>Runs a pi-stat command to completion and captures what it printed.</summary>
internal static class Cli
{
    /// <summary>
    /// `dotnet pi-stat.dll` (or a published <paramref name="binary"/>) with the arguments, every inherited PISTAT_
    /// variable removed and <paramref name="environment"/> set.
    /// </summary>
    public static ProcessStartInfo StartInfo(IDictionary<string, string> environment, string workingDirectory, IEnumerable<string> arguments, string? binary = null)
    {
        var start = new ProcessStartInfo(binary ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (binary is null)
        {
            start.ArgumentList.Add(Paths.WorkerDll);
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("PISTAT_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    public static (int ExitCode, string Output, string Error) Run(IDictionary<string, string> environment, string? workingDirectory, params string[] arguments)
    {
        // A command that starts the service keeps its history in a folder of its own (not another test's agent's).
        using TemporaryFolder? data = arguments is [] or ["run" or "demo", ..] && !environment.ContainsKey("PISTAT_DATA_PATH") ? new TemporaryFolder() : null;
        if (data is not null)
        {
            environment = new Dictionary<string, string>(environment) { ["PISTAT_DATA_PATH"] = data.Path };
        }

        ProcessStartInfo start = StartInfo(environment, workingDirectory ?? Path.GetTempPath(), arguments);
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"pi-stat {string.Join(' ', arguments)} did not exit within 60 s");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
