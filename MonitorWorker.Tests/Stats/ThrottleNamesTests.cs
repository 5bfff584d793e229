using System.Text.RegularExpressions;
using HardwareProbes.RaspberryPi;
using MonitorWorker.History;
using MonitorWorker.Json;
using MonitorWorker.Stats;

namespace MonitorWorker.Tests.Stats;

/// <summary>
/// A Raspberry Pi condition goes by one name (<see cref="ThrottleFlag"/>) in <c>/stats</c>, the history, the events,
/// the metrics (HardwareMetricsTests) and the dashboard.
/// </summary>
[TestClass]
public sealed class ThrottleNamesTests
{
    [TestMethod]
    public void EveryCondition_HasOneName_InStatsHistoryAndTheDashboard()
    {
        string[] names = [.. ThrottleFlag.All.Select(f => f.Name)];
        CollectionAssert.AreEqual(new[] { "under_voltage", "freq_capped", "throttled", "soft_temp_limit" }, names);

        string[] fields = [.. StatsJsonContext.Relaxed.PowerStats.Properties.Select(p => p.Name)];
        string chartsJs = File.ReadAllText(Path.Combine(Paths.Root, "MonitorWorker", "Dashboard", "wwwroot", "charts.js"));
        string[] dashboard = [.. Regex.Matches(chartsJs, @"\['pi\.(\w+)', '[^']+', '(\w+)'\]").Select(m => m.Groups[1].Value == m.Groups[2].Value ? m.Groups[1].Value : "mismatch: " + m.Value)];
        foreach (ThrottleFlag flag in ThrottleFlag.All)
        {
            CollectionAssert.Contains(fields, flag.Name, "/stats power");
            CollectionAssert.Contains(fields, flag.Name + "_occurred", "/stats power");
            Assert.AreEqual("pi." + flag.Name, HistorySeriesNames.Throttle(flag.Now));
        }

        CollectionAssert.AreEqual(names, dashboard, "the dashboard's conditions: " + string.Join(", ", dashboard));
    }
}
