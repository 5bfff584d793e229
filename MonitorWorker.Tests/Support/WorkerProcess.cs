using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MonitorWorker.Tests;

/// <summary>The real pi-stat process, started with `dotnet pi-stat.dll` and the given environment, on a free loopback port.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private string? _dataFolder;

    private WorkerProcess(Process process, int port)
    {
        _process = process;
        Id = process.Id;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Gets the worker's process id (kept after it has exited).</summary>
    public int Id { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the worker; the port and loopback host are added to <paramref name="environment"/>.</summary>
    public static WorkerProcess Start(IDictionary<string, string> environment, params string[] arguments)
        => Start(null, Path.GetTempPath(), environment, arguments);

    /// <summary>Starts a published pi-stat <paramref name="binary"/> (or, when null, the built one) in <paramref name="workingDirectory"/>.</summary>
    public static WorkerProcess Start(string? binary, string workingDirectory, IDictionary<string, string> environment, params string[] arguments)
    {
        int port = FreePort();
        var withPort = new Dictionary<string, string>
        {
            ["PISTAT_HOST"] = "127.0.0.1",
            ["PISTAT_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach ((string name, string value) in environment)
        {
            withPort[name] = value;
        }

        // Each worker keeps its history in a folder of its own, removed with it, unless the test names one.
        string? data = null;
        if (!withPort.ContainsKey("PISTAT_DATA_PATH"))
        {
            data = Directory.CreateTempSubdirectory("pistat-data-").FullName;
            withPort["PISTAT_DATA_PATH"] = data;
        }

        ProcessStartInfo start = Cli.StartInfo(withPort, workingDirectory, arguments, binary);
        return new WorkerProcess(Process.Start(start)!, port) { _dataFolder = data };
    }

    /// <summary>Environment for a fixture board: its proc/sys/etc roots and its fake tools.</summary>
    public static Dictionary<string, string> BoardEnvironment(string board, string? treeRoot = null)
    {
        string tools = Paths.Board(board);
        string root = treeRoot ?? tools;
        var environment = new Dictionary<string, string>
        {
            ["PISTAT_PROC_PATH"] = Path.Combine(root, "proc"),
            ["PISTAT_SYS_PATH"] = Path.Combine(root, "sys"),
            ["PISTAT_DISK_PATHS"] = Paths.Fixtures,
            ["PISTAT_TEGRASTATS_INTERVAL_MS"] = "200",
        };
        if (Directory.Exists(Path.Combine(root, "etc")))
        {
            environment["PISTAT_ETC_PATH"] = Path.Combine(root, "etc");
        }

        if (File.Exists(Path.Combine(tools, "vcgencmd", "vcgencmd")))
        {
            environment["PISTAT_VCGENCMD_PATH"] = Path.Combine(tools, "vcgencmd", "vcgencmd");
        }

        if (File.Exists(Path.Combine(tools, "tegrastats", "tegrastats")))
        {
            environment["PISTAT_TEGRASTATS_PATH"] = Path.Combine(tools, "tegrastats", "tegrastats");
        }

        return environment;
    }

    /// <summary>Waits until the worker answers 200 on <paramref name="path"/>, or fails with its output.</summary>
    public async Task<HttpClient> WaitUntilServingAsync(string path = "stats", Func<string, bool>? ready = null)
        => (await WaitForBodyAsync(path, ready)).Http;

    /// <summary>
    /// Waits as <see cref="WaitUntilServingAsync"/> does and returns the body that met <paramref name="ready"/> as well.
    /// A fixture's CPU counters step once, so a CPU usage lasts one sampling period: a test asserts the body that had it
    /// rather than asking again, when the next sample may already have replaced it.
    /// </summary>
    public async Task<(HttpClient Http, string Body)> WaitForBodyAsync(string path = "stats", Func<string, bool>? ready = null)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"pi-stat exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using HttpResponseMessage response = await http.GetAsync(path);
                string body = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode && (ready is null || ready(body)))
                {
                    return (http, body);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(50);
        }

        http.Dispose();
        Assert.Fail($"pi-stat did not serve /{path} within 30 s:\n{Output}");
        return default;
    }

    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var cancel = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>
    /// Stops the worker as systemd would: SIGTERM, so it shuts down cleanly (a demo removes its copy of the board), and a
    /// kill only when it has not exited 30 s later.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            if (!OperatingSystem.IsWindows() && Terminate(_process.Id) == 0)
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await _process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    // Still running: killed below.
                }
            }

            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        if (_dataFolder is not null)
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    /// <summary>Sends SIGTERM to <paramref name="pid"/> (libc's kill); 0 when it was sent.</summary>
    private static int Terminate(int pid) => Kill(pid, 15);

    /// <summary>Kills the worker at once, as SIGKILL or a power cut would: nothing of its own runs after.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

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
}
