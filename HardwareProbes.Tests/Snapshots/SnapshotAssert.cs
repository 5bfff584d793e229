using HardwareProbes.Snapshots;

namespace HardwareProbes.Tests.Snapshots;

internal static class SnapshotAssert
{
    /// <summary>Asserts every source is ok except the named ones, whose reasons must contain the given text.</summary>
    public static void Sources(HardwareSnapshot snapshot, params (string Source, string ReasonContains)[] failures)
    {
        var expected = failures.ToDictionary(f => f.Source, f => f.ReasonContains);
        foreach ((string source, string status) in snapshot.Sources)
        {
            if (expected.TryGetValue(source, out string? reason))
            {
                StringAssert.Contains(status, reason, $"source {source}: {status}");
            }
            else
            {
                Assert.AreEqual(HardwareSnapshot.Ok, status, $"source {source}: {status}");
            }
        }

        foreach (string source in expected.Keys)
        {
            Assert.IsTrue(snapshot.Sources.ContainsKey(source), $"no entry for source {source}");
        }
    }

    public static void Usage(HardwareSnapshot snapshot, double total, params double?[] perCore)
    {
        Assert.AreEqual(total, snapshot.Cpu.UsagePercent!.Value, 1e-9, "total CPU usage");
        CollectionAssert.AreEqual(perCore, snapshot.Cpu.Cores.Select(c => c.UsagePercent is double u ? Math.Round(u, 9) : (double?)null).ToArray());
    }
}
