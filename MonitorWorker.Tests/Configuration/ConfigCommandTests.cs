namespace MonitorWorker.Tests.Configuration;

/// <summary>Precedence (default &lt; .env &lt; environment &lt; command line) as `pi-stat config` reports it, and the informational commands.</summary>
[TestClass]
public sealed class ConfigCommandTests
{
    private static string Line(string output, string variable) => output.Split('\n').Single(l => l.StartsWith(variable + " ", StringComparison.Ordinal));

    [TestMethod]
    public void Config_ShowsEachValueWithWhereItCameFrom()
    {
        string directory = Directory.CreateTempSubdirectory("pistat-env").FullName;
        File.WriteAllText(Path.Combine(directory, ".env"), "# a comment\nPISTAT_PORT=9001\nexport PISTAT_CACHE_SECONDS=\"5\"\nPISTAT_SAMPLE_SECONDS=2\nPISTAT_API_KEY=0123456789abcdef0123\n");
        try
        {
            (int exitCode, string output, string error) = Cli.Run(
                new Dictionary<string, string> { ["PISTAT_CACHE_SECONDS"] = "7", ["PISTAT_SAMPLE_SECONDS"] = "3" },
                directory,
                "config",
                "--sample-seconds",
                "4");

            Assert.AreEqual(0, exitCode, error);
            StringAssert.Matches(Line(output, "PISTAT_PORT"), new System.Text.RegularExpressions.Regex(@"^PISTAT_PORT\s+9001\s+\.env$"));
            StringAssert.Matches(Line(output, "PISTAT_CACHE_SECONDS"), new System.Text.RegularExpressions.Regex(@"\s7\s+environment$"));
            StringAssert.Matches(Line(output, "PISTAT_SAMPLE_SECONDS"), new System.Text.RegularExpressions.Regex(@"\s4\s+command line$"));
            StringAssert.Matches(Line(output, "PISTAT_HOST"), new System.Text.RegularExpressions.Regex(@"\s0\.0\.0\.0\s+default$"));
            StringAssert.Contains(Line(output, "PISTAT_API_KEY"), "(set, not shown)");
            Assert.DoesNotContain("0123456789abcdef", output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Config_WithABadValue_PrintsOnlyTheErrorAndExits2()
    {
        (int exitCode, string output, string error) = Cli.Run(new Dictionary<string, string> { ["PISTAT_PORT"] = "abc" }, null, "config");

        Assert.AreEqual(2, exitCode);
        Assert.AreEqual("", output, "no table showing the bad value as if it were in effect");
        Assert.AreEqual("PISTAT_PORT: 'abc' is not a port (1–65535)", error.Trim());
    }

    [TestMethod]
    public void Config_ColumnsLineUp_WhateverTheLengthOfNamesAndValues()
    {
        string folder = Directory.CreateTempSubdirectory("pistat-a-folder-with-a-rather-long-name-").FullName;
        try
        {
            (int exitCode, string output, string error) = Cli.Run(new Dictionary<string, string> { ["PISTAT_DATA_PATH"] = folder }, null, "config");

            Assert.AreEqual(0, exitCode, error);
            string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            // Where each line's value starts (after the name and its padding) and where its origin starts.
            int[] valueColumn = [.. lines.Select(l => l.Length - l[l.IndexOf(' ', StringComparison.Ordinal)..].TrimStart().Length)];
            int[] originColumn = [.. lines.Select(l => l.LastIndexOf("  ", StringComparison.Ordinal) + 2)];
            Assert.AreEqual(1, valueColumn.Distinct().Count(), output);
            Assert.AreEqual(1, originColumn.Distinct().Count(), output);
            StringAssert.EndsWith(Line(output, "PISTAT_SOCKETIO_CONNECT_TIMEOUT_MS"), "45000".PadRight(originColumn[0] - valueColumn[0] - 2) + "  default");
            StringAssert.Contains(Line(output, "PISTAT_DATA_PATH"), folder + "  ");
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [TestMethod]
    public void Version_PrintsTheVersion()
    {
        (int exitCode, string output, _) = Cli.Run(new Dictionary<string, string>(), null, "--version");

        Assert.AreEqual(0, exitCode);
        StringAssert.StartsWith(output, "0.1.0");
    }

    [TestMethod]
    public void Help_ListsCommandsAndEveryVariable()
    {
        (int exitCode, string output, _) = Cli.Run(new Dictionary<string, string>(), null, "--help");

        Assert.AreEqual(0, exitCode);
        foreach (string expected in new[] { "run", "config", "snapshot", "test", "--port", "PISTAT_PORT", "--disk-paths", "PISTAT_API_KEY and PISTAT_PEER_API_KEY" })
        {
            StringAssert.Contains(output, expected);
        }
    }

    [TestMethod]
    public void Snapshot_PrintsOneStatsDocumentOfThisMachine()
    {
        (int exitCode, string output, string error) = Cli.Run(new Dictionary<string, string>(), null, "snapshot");

        Assert.AreEqual(0, exitCode, error);
        System.Text.Json.JsonElement stats = Json.Parse(output);
        Assert.IsNotNull(stats.Number("cpu_usage"), "measured over one second");
        Assert.AreEqual("linux", stats.Text("board"));
    }
}
