using System.Net;
using Microsoft.Extensions.Primitives;
using Microsoft.AspNetCore.Http;
using MonitorWorker.Configuration;
using MonitorWorker.Http;
using MonitorWorker.Stats;

namespace MonitorWorker.Tests.Configuration;

/// <summary>One grammar for every yes-or-no: the settings and the query flags read the same words the same way.</summary>
[TestClass]
public sealed class BooleanTextTests
{
    [TestMethod]
    [DataRow("true", true)]
    [DataRow("TRUE", true)]
    [DataRow(" 1 ", true)]
    [DataRow("yes", true)]
    [DataRow("On", true)]
    [DataRow("false", false)]
    [DataRow("0", false)]
    [DataRow("no", false)]
    [DataRow("OFF", false)]
    public void EveryWord_ReadsTheSameAsASettingAndAsAQueryFlag(string text, bool expected)
    {
        Assert.IsTrue(BooleanText.TryParse(text, out bool word));
        Assert.IsTrue(QueryValues.TryFlag(Query(new StringValues(text)), "f", !expected, out bool flag, out _));
        EffectiveSettings<AgentOptions> settings = AgentSettings.Load(new Dictionary<string, string> { ["PISTAT_DEBUG"] = text }, Path.GetTempPath(), new Dictionary<string, string>());

        Assert.AreEqual(expected, word);
        Assert.AreEqual(expected, flag);
        Assert.IsEmpty(settings.Errors, string.Join("; ", settings.Errors));
        Assert.AreEqual(expected, settings.Options.Server.Debug);
    }

    [TestMethod]
    [DataRow("maybe")]
    [DataRow("")]
    [DataRow("y")]
    [DataRow("2")]
    [DataRow("truee")]
    public void AnythingElse_IsRefusedByBoth(string text)
    {
        Assert.IsFalse(BooleanText.TryParse(text, out _));
        Assert.IsFalse(QueryValues.TryFlag(Query(new StringValues([text, text])), "f", false, out _, out _), "repeated");
        if (text.Length > 0)
        {
            Assert.IsFalse(QueryValues.TryFlag(Query(new StringValues(text)), "f", false, out _, out string? error));
            Assert.AreEqual($"f: '{text}' is not a boolean ({BooleanText.Words})", error);
        }
    }

    [TestMethod]
    public async Task ANoFlag_IsAcceptedByStats()
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source);
        await host.WaitForFirstSnapshotAsync();

        using HttpResponseMessage answer = await host.Http.GetAsync("stats?cache=no");

        Assert.AreEqual(HttpStatusCode.OK, answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    private static QueryCollection Query(StringValues values) => new(new Dictionary<string, StringValues> { ["f"] = values });
}
