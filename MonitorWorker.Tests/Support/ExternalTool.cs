using System.Diagnostics;

namespace MonitorWorker.Tests;

/// <summary>Programs from the system the tests drive (systemd-analyze, promtool, prometheus).</summary>
internal static class ExternalTool
{
    public static ProcessStartInfo StartInfo(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Runs <paramref name="program"/> with <paramref name="input"/> on its standard input; returns its exit code and what it printed (stdout, then stderr).</summary>
    public static (int ExitCode, string Output) Run(string program, string? input, params string[] arguments)
    {
        using Process process = Process.Start(StartInfo(program, arguments))!;
        process.StandardInput.Write(input ?? "");
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        Assert.IsTrue(process.WaitForExit(60_000), $"{program} did not finish");
        return (process.ExitCode, output.Result + error.Result);
    }
}
