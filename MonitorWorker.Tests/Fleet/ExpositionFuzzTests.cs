using System.Diagnostics;
using MonitorWorker.Fleet;
using TestSupport;

namespace MonitorWorker.Tests.Fleet;

/// <summary>
/// The exposition parser over 100 000 mutations of real answers (the same mutator as the procfs parsers'): nothing it
/// is given makes it throw, and everything it returns is well formed (names by the format's grammar, no label twice, a
/// timestamp only as given, at most the sample limit).
/// </summary>
[TestClass]
public sealed class ExpositionFuzzTests
{
    private const int Inputs = 100_000;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Parse_HundredThousandMutatedAnswers_NeverThrowsAndReturnsOnlyWellFormedFamilies()
    {
        string[] seeds =
        [
            .. Directory.EnumerateFiles(Path.Combine(Repository.Fixtures, "captures", "exposition")).Order(StringComparer.Ordinal).Select(File.ReadAllText),
            "# HELP rpc_count requests\n# TYPE rpc_count summary\nrpc_count{path=\"None\"} 3\n# HELP rpc_total requests\n# TYPE rpc_total summary\nrpc_total{path=\"None\"} 7.5",
            "# TYPE lat histogram\nlat_bucket{le=\"0.5\"} 2\nlat_bucket{le=\"+Inf\"} 3 1700000000000\nlat_sum 1.25\nlat_count 3\nx{a=\"q\\\"\\\\\\n\"} NaN\ny -Inf\n",
        ];
        var mutator = new HardwareProbes.Tests.Mutator(20261207);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Inputs; i++)
        {
            string input = mutator.Mutate(seeds[i % seeds.Length]);
            ExpositionDocument document;
            try
            {
                document = ExpositionParser.Parse(input);
            }
            catch (Exception e)
            {
                Assert.Fail($"input {i} threw {e.GetType().Name}: {e.Message}\n{input}");
                return;
            }

            Check(document, input, i);
        }

        TestContext.WriteLine($"{Inputs} inputs in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static void Check(ExpositionDocument document, string input, int i)
    {
        Assert.IsLessThanOrEqualTo(ExpositionParser.MaxSamples, document.SampleCount, $"input {i}");
        Assert.IsLessThanOrEqualTo(ExpositionParser.MaxProblems + 2, document.Problems.Count, $"input {i}");
        foreach (ExpositionFamily family in document.Families)
        {
            Assert.IsTrue(ExpositionParser.IsMetricName(family.Name), $"input {i}: family '{family.Name}'\n{input}");
            Assert.IsNotEmpty(family.Samples, $"input {i}: an empty family");
            foreach (ExpositionSample sample in family.Samples)
            {
                Assert.IsTrue(ExpositionParser.IsMetricName(sample.Name), $"input {i}: sample '{sample.Name}'\n{input}");
                Assert.IsTrue(sample.Labels.All(l => ExpositionParser.IsLabelName(l.Key)), $"input {i}: a label name\n{input}");
                Assert.AreEqual(sample.Labels.Count, sample.Labels.Select(l => l.Key).Distinct(StringComparer.Ordinal).Count(), $"input {i}: a label twice\n{input}");
                Assert.IsLessThanOrEqualTo(ExpositionParser.MaxLabels, sample.Labels.Count, $"input {i}");
            }
        }
    }
}
