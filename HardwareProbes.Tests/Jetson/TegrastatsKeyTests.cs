using HardwareProbes.Jetson;

namespace HardwareProbes.Tests.Jetson;

/// <summary>Rails and sensors keep their printed names and get keys unique within the line.</summary>
[TestClass]
public sealed class TegrastatsKeyTests
{
    [TestMethod]
    public void AgxOrin_TwoRailsNamedNC_AreKeyedNCAndNC2()
    {
        // jetson_stats' AGX Orin (JetPack 5.0) template, its random loads fixed.
        string template = File.ReadLines(Path.Combine(Fixtures.Root, "captures", "tegrastats__EMULATOR_TEMPLATES__jetson_stats_tests_tegrastats.txt"))
            .Single(l => l.StartsWith("echo \"", StringComparison.Ordinal) && l.Contains("NC 0mW/0mW", StringComparison.Ordinal));
        string line = template[6..template.LastIndexOf('"')].Replace("$(($RANDOM%100+0))", "42", StringComparison.Ordinal).Replace("$RAND_GPU2", "7", StringComparison.Ordinal).Replace("$RAND_GPU", "13", StringComparison.Ordinal);

        TegrastatsSample sample = TegrastatsLine.Parse(line);

        TegraRail[] nc = [.. sample.Rails.Where(r => r.Name == "NC")];
        Assert.HasCount(2, nc);
        Assert.AreEqual("NC", nc[0].Key);
        Assert.AreEqual("NC_2", nc[1].Key);
        Assert.AreEqual(sample.Rails.Count, sample.Rails.Select(r => r.Key).Distinct().Count());
        Assert.IsTrue(sample.Rails.Where(r => r.Name != "NC").All(r => r.Key == r.Name), "names that do not repeat are their own keys");
    }

    [TestMethod]
    public void Temperatures_DifferingOnlyInCase_GetDistinctKeys()
    {
        TegrastatsSample sample = TegrastatsLine.Parse("RAM 1/2MB CPU [1%@100] GPU@40C gpu@41C gpu_2@42C");

        CollectionAssert.AreEqual(new[] { "GPU", "gpu", "gpu_2" }, sample.Temperatures.Select(t => t.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "GPU", "gpu_2", "gpu_2_2" }, sample.Temperatures.Select(t => t.Key).ToArray());
        Assert.AreEqual(3, sample.Temperatures.Select(t => t.Key.ToLowerInvariant()).Distinct().Count(), "keys stay unique when lower-cased");
    }

    [TestMethod]
    public void ThousandsOfRepeatedRails_AreKeyedInLinearTime()
    {
        // A garbage line of 20,000 identical rails: every one is kept under its own key.
        string line = "RAM 1/2MB CPU [1%@100] " + string.Join(' ', Enumerable.Repeat("NC 1mW/1mW", 20_000));

        TegrastatsSample sample = TegrastatsLine.Parse(line);

        Assert.HasCount(20_000, sample.Rails);
        Assert.AreEqual(20_000, sample.Rails.Select(r => r.Key).Distinct().Count());
        Assert.AreEqual("NC_20000", sample.Rails[^1].Key);
    }
}
