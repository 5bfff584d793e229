using MonitorWorker.Fleet;
using TestSupport;

namespace MonitorWorker.Tests.Fleet;

[TestClass]
public sealed class ExpositionParserTests
{
    private static string Capture(string name) => File.ReadAllText(Path.Combine(Repository.Fixtures, "captures", "exposition", name));

    [TestMethod]
    public void Parse_PrometheusExpressReadme_ReadsEveryGaugeWithItsLabels()
    {
        ExpositionDocument document = ExpositionParser.Parse(Capture("prometheus_express__readme_bme680_si7021.txt"));

        Assert.IsEmpty(document.Problems);
        CollectionAssert.AreEqual(new[] { "prom_express_gas", "prom_express_humidity", "prom_express_pressure", "prom_express_temperature" }, document.Families.Select(f => f.Name).ToArray());
        Assert.IsTrue(document.Families.All(f => f.Type == ExpositionType.Gauge));
        ExpositionFamily humidity = document.Families[1];
        Assert.AreEqual("humidity from both sensors", humidity.Help);
        Assert.AreEqual(49.7976, humidity.Samples[2].Value);
        Assert.AreEqual(KeyValuePair.Create("sensor", "si7021"), humidity.Samples[2].Labels.Single());
        Assert.AreEqual("None", humidity.Samples[0].Labels[0].Value, "the SDK's placeholder for labels never set");
        Assert.AreEqual(1060948, document.Families[0].Samples.Single().Value);
    }

    [TestMethod]
    public void Parse_EsphomeUppercaseTypesWithoutSpace_AreTypes()
    {
        ExpositionDocument document = ExpositionParser.Parse(Capture("esphome__airgradient_readme.txt"));

        Assert.IsEmpty(document.Problems);
        ExpositionFamily value = document.Families.Single(f => f.Name == "esphome_sensor_value");
        Assert.AreEqual(ExpositionType.Gauge, value.Type);
        Assert.AreEqual(25.9, value.Samples[0].Value);
        Assert.AreEqual("µg/m³", value.Samples[2].Labels.Single(l => l.Key == "unit").Value);
    }

    [TestMethod]
    public void Parse_EscapesSpecialValuesAndTimestamps_AreRead()
    {
        ExpositionDocument document = ExpositionParser.Parse(
            "# HELP a_total Line one\\nline two \\\\ done\n# TYPE a_total counter\na_total{path=\"C:\\\\dir\",quote=\"say \\\"hi\\\"\",nl=\"x\\ny\",} 12 1700000000000\n"
            + "b NaN\nc +Inf\nd -Inf\ne 1.5e3\n");

        Assert.IsEmpty(document.Problems, string.Join("; ", document.Problems));
        ExpositionFamily a = document.Families[0];
        Assert.AreEqual("Line one\nline two \\ done", a.Help);
        Assert.AreEqual(ExpositionType.Counter, a.Type);
        CollectionAssert.AreEqual(new[] { "C:\\dir", "say \"hi\"", "x\ny" }, a.Samples[0].Labels.Select(l => l.Value).ToArray());
        Assert.AreEqual(1_700_000_000_000L, a.Samples[0].TimestampMs);
        Assert.IsTrue(double.IsNaN(document.Families[1].Samples[0].Value));
        Assert.AreEqual(double.PositiveInfinity, document.Families[2].Samples[0].Value);
        Assert.AreEqual(double.NegativeInfinity, document.Families[3].Samples[0].Value);
        Assert.AreEqual(1500, document.Families[4].Samples[0].Value);
        Assert.AreEqual(ExpositionType.Untyped, document.Families[4].Type, "a sample without TYPE");
    }

    [TestMethod]
    public void Parse_SummaryAndHistogramSamples_BelongToTheirFamily()
    {
        ExpositionDocument document = ExpositionParser.Parse(
            "# TYPE rpc summary\nrpc{quantile=\"0.5\"} 4\nrpc_sum 17\nrpc_count 5\n# TYPE lat histogram\nlat_bucket{le=\"1\"} 2\nlat_bucket{le=\"+Inf\"} 3\nlat_sum 2.5\nlat_count 3\n");

        Assert.HasCount(2, document.Families);
        CollectionAssert.AreEqual(new[] { "rpc", "rpc_sum", "rpc_count" }, document.Families[0].Samples.Select(s => s.Name).ToArray());
        Assert.HasCount(4, document.Families[1].Samples);
    }

    [TestMethod]
    public void Parse_BadLines_AreLeftOutWithTheirLineAndTheRestKept()
    {
        ExpositionDocument document = ExpositionParser.Parse(
            "# TYPE g gauge\n# TYPE g counter\ng 1\ng 2\nh{a=\"1\",a=\"2\"} 3\ni{a=\"open} 4\nj 12,5\nk 1 notatime\n9bad 1\nl{a=1} 2\nm\n# TYPE n histogramm\nok 7\ntrunc{a=\"x\"");

        CollectionAssert.AreEqual(new[] { "g", "ok" }, document.Families.Select(f => f.Name).ToArray());
        Assert.AreEqual(1, document.Families[0].Samples.Single().Value, "the first of a repeated series is kept");
        string problems = string.Join("\n", document.Problems);
        foreach (string expected in (string[])[
            "line 2: TYPE counter for g, already typed gauge: kept the first", "line 4: g: the same series twice", "line 5: label a is given twice",
            "line 6: label a's value is not closed", "line 7: j: '12,5' is not a number", "line 8: k: 'notatime' after the value is not a timestamp",
            "line 9: '9bad 1' does not start with a metric name", "line 10: label a's value is not quoted", "line 11: m has no value",
            "line 12: TYPE 'histogramm' is not", "line 14: the label set is not closed"])
        {
            StringAssert.Contains(problems, expected);
        }
    }

    [TestMethod]
    public void Parse_MoreThanTheLimit_DropsTheRestAndSaysSo()
    {
        string text = string.Concat(Enumerable.Range(0, ExpositionParser.MaxSamples + 10).Select(i => $"s{{i=\"{i}\"}} {i}\n"));

        ExpositionDocument document = ExpositionParser.Parse(text);

        Assert.AreEqual(ExpositionParser.MaxSamples, document.SampleCount);
        StringAssert.Contains(document.Problems[^1], "10 dropped");
    }

    [TestMethod]
    public void Parse_EmptyOrCommentsOnly_IsEmptyWithoutProblems()
    {
        Assert.IsEmpty(ExpositionParser.Parse("").Families);
        Assert.IsEmpty(ExpositionParser.Parse("# just a comment\n\n# HELP x no samples\n").Families);
    }
}
