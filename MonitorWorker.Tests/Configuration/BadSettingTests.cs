namespace MonitorWorker.Tests.Configuration;

/// <summary>Every PISTAT_ variable with a bad value stops the process at start: exit code 2 and one line naming the variable, the value and what is allowed.</summary>
[TestClass]
public sealed class BadSettingTests
{
    [TestMethod]
    [DataRow("PISTAT_PORT", "abc", "PISTAT_PORT: 'abc' is not a port (1–65535)")]
    [DataRow("PISTAT_PORT", "70000", "PISTAT_PORT: '70000' is not a port (1–65535)")]
    [DataRow("PISTAT_HOST", "my host", "PISTAT_HOST: 'my host' is not an IP address, localhost or *")]
    [DataRow("PISTAT_CACHE_SECONDS", "-1", "PISTAT_CACHE_SECONDS: '-1' is not a number of seconds (0–3600)")]
    [DataRow("PISTAT_DEBUG", "maybe", "PISTAT_DEBUG: 'maybe' is not a boolean (true, false, 1, 0, yes, no, on, off)")]
    [DataRow("PISTAT_SAMPLE_SECONDS", "0", "PISTAT_SAMPLE_SECONDS: '0' is not a number of seconds (0.1–3600)")]
    [DataRow("PISTAT_PROC_PATH", "/nonexistent/proc", "PISTAT_PROC_PATH: '/nonexistent/proc' is not an existing directory")]
    [DataRow("PISTAT_SYS_PATH", "/nonexistent/sys", "PISTAT_SYS_PATH: '/nonexistent/sys' is not an existing directory")]
    [DataRow("PISTAT_ETC_PATH", "/nonexistent/etc", "PISTAT_ETC_PATH: '/nonexistent/etc' is not an existing directory")]
    [DataRow("PISTAT_DISK_PATHS", "/,/nonexistent", "PISTAT_DISK_PATHS: '/,/nonexistent' names '/nonexistent', which is not an existing directory")]
    [DataRow("PISTAT_TEGRASTATS_PATH", "/nonexistent/tegrastats", "PISTAT_TEGRASTATS_PATH: '/nonexistent/tegrastats' is not an existing file")]
    [DataRow("PISTAT_TEGRASTATS_INTERVAL_MS", "50", "PISTAT_TEGRASTATS_INTERVAL_MS: '50' is not a number of milliseconds (100–60000)")]
    [DataRow("PISTAT_VCGENCMD_PATH", "/nonexistent/vcgencmd", "PISTAT_VCGENCMD_PATH: '/nonexistent/vcgencmd' is not an existing file")]
    [DataRow("PISTAT_MAX_CONNECTIONS", "0", "PISTAT_MAX_CONNECTIONS: '0' is not a number of connections (1–10000)")]
    [DataRow("PISTAT_CORS_ORIGINS", "not a url", "PISTAT_CORS_ORIGINS: 'not a url' has 'not a url', which is not an origin (scheme://host[:port])")]
    [DataRow("PISTAT_API_KEY", "short", "PISTAT_API_KEY: (5 characters, not shown) is not a usable key (at least 16 characters, no spaces)")]
    [DataRow("PISTAT_PEERS", "ftp://x", "PISTAT_PEERS: 'ftp://x' has 'ftp://x', which is not an http URL of an agent (the peers are polled over plain HTTP, like the agent serves)")]
    [DataRow("PISTAT_PEER_TIMEOUT_SECONDS", "0", "PISTAT_PEER_TIMEOUT_SECONDS: '0' is not a number of seconds (0.1–60)")]
    [DataRow("PISTAT_PEER_API_KEY", "short", "PISTAT_PEER_API_KEY: (5 characters, not shown) is not a usable key (at least 16 characters, no spaces)")]
    [DataRow("PISTAT_LABELS", "site", "PISTAT_LABELS: 'site' has 'site', which is not key=value")]
    [DataRow("PISTAT_HISTORY_SECONDS", "forever", "PISTAT_HISTORY_SECONDS: 'forever' is not a number of seconds (0–604800)")]
    public void Run_BadValue_ExitsWithOneClearLine(string variable, string value, string expected)
    {
        (int exitCode, string output, string error) = Cli.Run(new Dictionary<string, string> { [variable] = value }, null, "run");

        Assert.AreEqual(2, exitCode, output + error);
        Assert.AreEqual(expected, error.TrimEnd('\n'));
        Assert.AreEqual(string.Empty, output, "nothing starts");
    }

    [TestMethod]
    public void Run_TwoBadValues_ReportsBothOneLineEach()
    {
        (int exitCode, _, string error) = Cli.Run(new Dictionary<string, string> { ["PISTAT_PORT"] = "x", ["PISTAT_DEBUG"] = "y" }, null);

        Assert.AreEqual(2, exitCode);
        CollectionAssert.AreEqual(
            new[] { "PISTAT_PORT: 'x' is not a port (1–65535)", "PISTAT_DEBUG: 'y' is not a boolean (true, false, 1, 0, yes, no, on, off)" },
            error.TrimEnd('\n').Split('\n'));
    }

    [TestMethod]
    public void Run_BadCommandLineValue_NamesTheVariable()
    {
        (int exitCode, _, string error) = Cli.Run(new Dictionary<string, string>(), null, "--port", "-5");

        Assert.AreEqual(2, exitCode);
        Assert.AreEqual("PISTAT_PORT: '-5' is not a port (1–65535)", error.TrimEnd('\n'));
    }

    [TestMethod]
    public void Run_PortInUse_ExitsWithOneClearLineNoStackTrace()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        string port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        (int exitCode, string output, string error) = Cli.Run(new Dictionary<string, string> { ["PISTAT_HOST"] = "127.0.0.1", ["PISTAT_PORT"] = port }, null, "run");

        Assert.AreEqual(3, exitCode, output + error);
        Assert.AreEqual(string.Empty, output, "one line on stderr and nothing else: no host failure log, no stack trace");
        Assert.AreEqual($"Failed to bind to address http://127.0.0.1:{port}: address already in use. Choose another PISTAT_PORT or PISTAT_HOST.", error.TrimEnd('\n'));
        Assert.DoesNotContain("BackgroundService failed", output, "the sampler stops quietly when the host does");
    }
}
