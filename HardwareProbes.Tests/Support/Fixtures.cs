using HardwareProbes.Snapshots;

namespace HardwareProbes.Tests;

/// <summary>Locates the repository's fixtures folder and reads captures from it.</summary>
internal static class Fixtures
{
    public static string Root => Repository.Fixtures;

    public static string Board(string board) => Path.Combine(Root, board);

    public static string Capture(string name) => File.ReadAllText(Path.Combine(Root, "captures", name));

    public static ProbeOptions OptionsFor(string boardRoot, params string[] diskPaths) => new()
    {
        ProcPath = Path.Combine(boardRoot, "proc"),
        SysPath = Path.Combine(boardRoot, "sys"),
        EtcPath = Path.Combine(boardRoot, "etc"),
        DiskPaths = diskPaths.Length == 0 ? [] : [.. diskPaths],
    };

    /// <summary>Options for a board tree (possibly a copy) with that board's fake vcgencmd and tegrastats from the fixtures.</summary>
    public static ProbeOptions OptionsWithToolsFor(string board, string boardRoot, params string[] diskPaths)
    {
        ProbeOptions options = OptionsFor(boardRoot, diskPaths);
        string vcgencmd = Path.Combine(Board(board), "vcgencmd", "vcgencmd");
        string tegrastats = Path.Combine(Board(board), "tegrastats", "tegrastats");
        options.VcgencmdPath = File.Exists(vcgencmd) ? vcgencmd : "/nonexistent/vcgencmd";
        options.Tegrastats.ExecutablePath = File.Exists(tegrastats) ? tegrastats : "/nonexistent/tegrastats";
        options.Tegrastats.Interval = TimeSpan.FromMilliseconds(100);
        return options;
    }

    /// <summary>
    /// Options for a copied board tree whose fake tools run from the copy (so a test can change their replies), and whose
    /// tegrastats repeats one line of the capture forever: a test that asserts that line's values then holds whichever
    /// line happens to be the newest when it looks.
    /// </summary>
    public static ProbeOptions OptionsWithCopiedToolsFor(string boardRoot, int tegrastatsLine = 0)
    {
        ProbeOptions options = OptionsFor(boardRoot, Root);
        options.VcgencmdPath = "/nonexistent/vcgencmd";
        options.Tegrastats.ExecutablePath = "/nonexistent/tegrastats";
        string replies = Path.Combine(boardRoot, "vcgencmd", "replies");
        if (Directory.Exists(replies))
        {
            options.VcgencmdPath = Script(boardRoot, "vcgencmd-copy", $"exec '{Path.Combine(Root, "tools", "vcgencmd-fixture")}' '{replies}' \"$@\"");
        }

        options.Tegrastats.Interval = TimeSpan.FromMilliseconds(100);
        string captures = Path.Combine(boardRoot, "tegrastats");
        if (Directory.Exists(captures))
        {
            string capture = Directory.EnumerateFiles(captures, "*.log").Single();
            string log = Path.Combine(boardRoot, "one-line.log");
            File.WriteAllText(log, File.ReadAllLines(capture)[tegrastatsLine] + "\n");
            options.Tegrastats.ExecutablePath = Script(boardRoot, "tegrastats-one-line", $"exec '{Path.Combine(Root, "tools", "tegrastats-replay")}' '{log}' \"$@\"");
        }

        return options;
    }

    private static string Script(string folder, string name, string command)
    {
        string script = Path.Combine(folder, name);
        File.WriteAllText(script, $"#!/bin/sh\n{command}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return script;
    }

    /// <summary>
    /// On a Jetson tree, waits (in real time, up to 30 s) for the first line of the tegrastats child the source started
    /// with its first snapshot; the caller asserts on what the next snapshot holds. Other boards return at once.
    /// </summary>
    public static void WaitForTegrastats(LinuxSnapshotSource source)
    {
        if (source.Tegrastats is not { } tegrastats)
        {
            return;
        }

        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (tegrastats.Latest is null && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(10);
        }
    }

    /// <summary>Copies a board tree to a fresh temporary folder the test may change.</summary>
    public static string CopyBoard(string board)
    {
        string target = Path.Combine(Path.GetTempPath(), $"pistat-{board}-{Guid.NewGuid():N}");
        foreach (string file in Directory.EnumerateFiles(Board(board), "*", SearchOption.AllDirectories))
        {
            string destination = Path.Combine(target, Path.GetRelativePath(Board(board), file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
