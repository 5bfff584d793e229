namespace MonitorWorker.Tests;

/// <summary>A writable copy of a fixture board in a temporary folder, deleted on dispose.</summary>
internal sealed class FixtureTree : IDisposable
{
    private FixtureTree(string board, string root)
    {
        Board = board;
        Root = root;
    }

    public string Board { get; }

    public string Root { get; }

    public static FixtureTree Copy(string board)
    {
        string target = Path.Combine(Path.GetTempPath(), $"pistat-e2e-{board}-{Guid.NewGuid():N}");
        foreach (string file in Directory.EnumerateFiles(Paths.Board(board), "*", SearchOption.AllDirectories))
        {
            string destination = Path.Combine(target, Path.GetRelativePath(Paths.Board(board), file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return new FixtureTree(board, target);
    }

    /// <summary>The worker's environment for this copy (its proc/sys/etc roots and the board's fake tools).</summary>
    public Dictionary<string, string> Environment() => WorkerProcess.BoardEnvironment(Board, Root);

    /// <summary>Moves the CPU counters on: /proc/stat becomes the board's <c>later/proc/stat</c>.</summary>
    public void AdvanceCpuCounters()
        => File.Copy(Path.Combine(Root, "later", "proc", "stat"), Path.Combine(Root, "proc", "stat"), overwrite: true);

    /// <summary>A fake tegrastats that repeats one line of the board's capture, so values can be asserted exactly; returns its path.</summary>
    public string OneLineTegrastats(int line = 0)
    {
        string capture = Directory.EnumerateFiles(Path.Combine(Root, "tegrastats"), "*.log").Single();
        string log = Path.Combine(Root, "one-line.log");
        File.WriteAllText(log, File.ReadAllLines(capture)[line] + "\n");
        string script = Path.Combine(Root, "tegrastats-one-line");
        File.WriteAllText(script, $"#!/bin/sh\nexec '{Path.Combine(Paths.Fixtures, "tools", "tegrastats-replay")}' '{log}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return script;
    }

    /// <summary>A vcgencmd answering from this copy's reply files, so a test can change a reply while the worker runs.</summary>
    public string Vcgencmd()
    {
        string script = Path.Combine(Root, "vcgencmd-here");
        File.WriteAllText(script, $"#!/bin/sh\nexec '{Path.Combine(Paths.Fixtures, "tools", "vcgencmd-fixture")}' '{Path.Combine(Root, "vcgencmd", "replies")}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return script;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
