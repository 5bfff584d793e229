namespace MonitorWorker.Tests.Configuration;

/// <summary>What is ignored is said once at start (the service still starts); a bad value says where it was set; the key never travels on the command line.</summary>
[TestClass]
public sealed class SettingWarningTests
{
    [TestMethod]
    public void UnknownSettingInTheEnvironment_IsWarnedAboutWithTheLikelyName_AndTheStartGoesOn()
    {
        (int exitCode, string output, string error) = Cli.Run(new Dictionary<string, string> { ["PISTAT_PORTT"] = "9000" }, null, "config");

        Assert.AreEqual(0, exitCode, error);
        Assert.AreEqual("warning: PISTAT_PORTT (from the environment) is not a pi-stat setting and is ignored; did you mean PISTAT_PORT?", error.TrimEnd('\n'));
        StringAssert.Contains(output, "PISTAT_PORT ");
    }

    [TestMethod]
    public void UnparsedDotEnvLinesAndUnknownNames_AreEachWarnedAboutOnce()
    {
        string directory = Directory.CreateTempSubdirectory("pistat-env").FullName;
        File.WriteAllText(Path.Combine(directory, ".env"), "PISTAT_PORT=9001\nthis is not a setting\nPISTAT_WHATEVER=1\n=novalue\n");
        try
        {
            (int exitCode, _, string error) = Cli.Run(new Dictionary<string, string>(), directory, "config");

            Assert.AreEqual(0, exitCode, error);
            CollectionAssert.AreEqual(
                new[]
                {
                    "warning: .env line 2: 'this is not a setting' is not NAME=value; ignored",
                    "warning: .env line 4: '=novalue' is not NAME=value; ignored",
                    "warning: PISTAT_WHATEVER (from .env) is not a pi-stat setting and is ignored",
                },
                error.TrimEnd('\n').Split('\n'));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void BadValueFromDotEnv_SaysItCameFromThatFile()
    {
        string directory = Directory.CreateTempSubdirectory("pistat-env").FullName;
        File.WriteAllText(Path.Combine(directory, ".env"), "PISTAT_PORT=abc\n");
        try
        {
            (int exitCode, _, string error) = Cli.Run(new Dictionary<string, string>(), directory, "run");

            Assert.AreEqual(2, exitCode);
            Assert.AreEqual($"PISTAT_PORT: 'abc' is not a port (1–65535) (set in {Path.Combine(directory, ".env")})", error.TrimEnd('\n'));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void ApiKeyOnTheCommandLine_IsRefusedWithoutEchoingIt()
    {
        (int exitCode, string output, string error) = Cli.Run(new Dictionary<string, string>(), null, "run", "--api-key", "0123456789abcdef-secret");

        Assert.AreEqual(2, exitCode, output + error);
        Assert.AreEqual("PISTAT_API_KEY: not accepted on the command line, where every local user sees it in ps; set it in the environment or in .env", error.TrimEnd('\n'));
        Assert.DoesNotContain("0123456789abcdef-secret", output + error);
    }
}
