using System.Diagnostics;
using System.Text;

namespace MonitorWorker.Tests;

/// <summary>
/// Debian's NUT server on a free loopback port: upsd with one dummy-ups driver serving a device dump from
/// <c>fixtures/nut</c>, both in the foreground as the test's children, their configuration and sockets in a folder of
/// their own. <see cref="Set"/> rewrites variables of the dump; the driver re-reads it when it changes.
/// </summary>
internal sealed class NutServer : IAsyncDisposable
{
    public const string Ups = "garage";
    public const string User = "monitor";
    public const string Password = "s3cret";

    private readonly TemporaryFolder _folder;
    private readonly Process _driver;
    private readonly Process _upsd;
    private readonly StringBuilder _output = new();
    private readonly string _dump;
    private DateTime _lastWrite;

    private NutServer(TemporaryFolder folder, string dump, int port)
    {
        _folder = folder;
        _dump = dump;
        _lastWrite = File.GetLastWriteTimeUtc(dump);
        Port = port;
        _driver = Start("/lib/nut/dummy-ups", "-a", Ups, "-u", "root", "-F");
        WaitFor(() => File.Exists(Path.Combine(folder.Path, "state", $"dummy-ups-{Ups}")), "the dummy-ups socket");
        _upsd = Start("/lib/nut/upsd", "-u", "root", "-F");
    }

    public int Port { get; }

    public string Url => $"nut://{User}:{Password}@127.0.0.1:{Port}/{Ups}";

    public static NutServer Start(string fixture)
    {
        var folder = new TemporaryFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "state"));
        string dump = Path.Combine(folder.Path, $"{Ups}.dev");
        File.Copy(Path.Combine(TestSupport.Repository.Fixtures, "nut", fixture), dump);
        int port = WorkerProcess.FreePort();
        File.WriteAllText(Path.Combine(folder.Path, "ups.conf"), $"[{Ups}]\n  driver = dummy-ups\n  port = {Ups}.dev\n  desc = \"test UPS\"\n");
        File.WriteAllText(Path.Combine(folder.Path, "upsd.conf"), $"LISTEN 127.0.0.1 {port}\nSTATEPATH {folder.Path}/state\n");
        File.WriteAllText(Path.Combine(folder.Path, "upsd.users"), $"[{User}]\n  password = {Password}\n  upsmon secondary\n");
        File.WriteAllText(Path.Combine(folder.Path, "nut.conf"), "MODE=netserver\n");
        return new NutServer(folder, dump, port);
    }

    /// <summary>Sets variables in the dump; the driver notices the file's new time within its poll interval (2 s).</summary>
    public void Set(params (string Name, string Value)[] values)
    {
        var lines = File.ReadAllLines(_dump).ToList();
        foreach ((string name, string value) in values)
        {
            int at = lines.FindIndex(l => l.StartsWith(name + ":", StringComparison.Ordinal));
            string line = $"{name}: {value}";
            if (at < 0)
            {
                lines.Add(line);
            }
            else
            {
                lines[at] = line;
            }
        }

        File.WriteAllLines(_dump, lines);
        // The driver compares modification times in whole seconds: each change gets a time a second past the one before,
        // so two changes within one second are both seen.
        DateTime written = File.GetLastWriteTimeUtc(_dump);
        _lastWrite = written > _lastWrite.AddSeconds(1) ? written : _lastWrite.AddSeconds(1);
        File.SetLastWriteTimeUtc(_dump, _lastWrite);
    }

    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (Process process in (Process[])[_upsd, _driver])
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        _folder.Dispose();
    }

    private Process Start(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NUT_CONFPATH"] = _folder.Path;
        start.Environment["NUT_STATEPATH"] = Path.Combine(_folder.Path, "state");
        Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private void WaitFor(Func<bool> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.IsLessThan(deadline, DateTime.UtcNow, $"no {what} in 30 s:\n{Output()}");
            Thread.Sleep(50);
        }
    }
}
