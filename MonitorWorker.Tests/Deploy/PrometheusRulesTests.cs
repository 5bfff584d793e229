using System.Text.RegularExpressions;

namespace MonitorWorker.Tests.Deploy;

/// <summary>deploy/prometheus/: the scrape configuration and the rules, checked and unit-tested by Prometheus' own promtool.</summary>
[TestClass]
public sealed partial class PrometheusRulesTests
{
    [GeneratedRegex("hardware_[a-z_]+")]
    private static partial Regex MetricName();

    private static string Folder => Path.Combine(Paths.Root, "deploy", "prometheus");

    [TestMethod]
    public void TheConfiguration_IsValid_WithItsRulesAndTargetFiles()
    {
        (int exitCode, string output) = ExternalTool.Run("promtool", null, "check", "config", Path.Combine(Folder, "prometheus.yml"));
        Assert.AreEqual(0, exitCode, output);
        StringAssert.Contains(output, "SUCCESS: 1 rule files found");
    }

    [TestMethod]
    public void TheAgentModeConfiguration_IsValid()
    {
        (int exitCode, string output) = ExternalTool.Run("promtool", null, "check", "config", "--agent", Path.Combine(Folder, "agent.yml"));
        Assert.AreEqual(0, exitCode, output);
    }

    [TestMethod]
    public void TheRules_AreValid()
    {
        (int exitCode, string output) = ExternalTool.Run("promtool", null, "check", "rules", Path.Combine(Folder, "pi-stat.rules.yml"));
        Assert.AreEqual(0, exitCode, output);
        StringAssert.Contains(output, "SUCCESS: 12 rules found");
    }

    [TestMethod]
    public void EveryAlert_FiresAndStaysQuietAsItsUnitTestsSay()
    {
        (int exitCode, string output) = ExternalTool.Run("promtool", null, "test", "rules", Path.Combine(Folder, "pi-stat.rules.test.yml"));
        Assert.AreEqual(0, exitCode, output);

        // Every alert of the rules file has a test that expects it to fire.
        string rules = File.ReadAllText(Path.Combine(Folder, "pi-stat.rules.yml"));
        string tests = File.ReadAllText(Path.Combine(Folder, "pi-stat.rules.test.yml"));
        string[] alerts = [.. rules.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("- alert: ", StringComparison.Ordinal)).Select(l => l["- alert: ".Length..])];
        Assert.HasCount(8, alerts);
        foreach (string alert in alerts)
        {
            StringAssert.Contains(tests, $"alertname: {alert}\n        exp_alerts:\n          - exp_labels", $"{alert} is never expected to fire");
            StringAssert.Contains(tests, $"alertname: {alert}\n        exp_alerts: []", $"{alert} is never expected to stay quiet");
        }
    }

    [TestMethod]
    public async Task EveryMetricTheRulesUse_IsExportedByADemoPiOrJetson()
    {
        string metrics = string.Empty;
        foreach (string board in new[] { "raspberry-pi-4", "jetson-orin-nano" })
        {
            await using WorkerProcess worker = WorkerProcess.Start(new Dictionary<string, string> { ["PISTAT_SAMPLE_SECONDS"] = "0.2" }, "demo", board);
            (HttpClient http, string body) = await worker.WaitForBodyAsync("metrics", b => b.Contains("hardware_cpu_utilization{", StringComparison.Ordinal));
            http.Dispose();
            metrics += body;
        }

        string rules = File.ReadAllText(Path.Combine(Folder, "pi-stat.rules.yml"));
        string[] used = [.. MetricName().Matches(rules).Select(m => m.Value).Distinct()];
        Assert.IsGreaterThanOrEqualTo(10, used.Length, string.Join(", ", used));
        string[] missing = [.. used.Where(name => !metrics.Contains(name + "{", StringComparison.Ordinal))];
        Assert.IsEmpty(missing, "metrics the rules use that no demo board exports: " + string.Join(", ", missing));
        StringAssert.Contains(metrics, "expected=\"true\"");
        StringAssert.Contains(metrics, "flag=\"under_voltage\"");
    }
}
