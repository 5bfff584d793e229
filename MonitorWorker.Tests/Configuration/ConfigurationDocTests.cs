using System.Text;
using MonitorWorker.Configuration;

namespace MonitorWorker.Tests.Configuration;

/// <summary>
/// docs/configuration.md is written from the settings table (AgentSettings.All): each variable, its command-line option,
/// what it allows and its default. After changing a setting, rewrite the page with
/// <c>PISTAT_WRITE_DOCS=1 dotnet test MonitorWorker.Tests --filter ConfigurationDocTests</c>. The part from
/// <see cref="Meanings"/> on is written by hand (what each setting is for) and held to name every setting and no other.
/// </summary>
[TestClass]
public sealed class ConfigurationDocTests
{
    private static string PagePath => Path.Combine(Paths.Root, "docs", "configuration.md");

    /// <summary>The heading where the hand-written part of the page begins.</summary>
    private const string Meanings = "## What each setting is for";

    [TestMethod]
    public void ThePage_IsWhatTheSettingsTableSays()
    {
        string current = File.ReadAllText(PagePath);
        int hand = current.IndexOf(Meanings, StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, hand, $"{PagePath} has its section '{Meanings}'");
        string written = Page() + "\n" + current[hand..];
        if (Environment.GetEnvironmentVariable("PISTAT_WRITE_DOCS") == "1")
        {
            File.WriteAllText(PagePath, written);
        }

        Assert.AreEqual(written, File.ReadAllText(PagePath), $"{PagePath} is out of date with the settings; rewrite it with PISTAT_WRITE_DOCS=1 (see this class)");
    }

    [TestMethod]
    public void TheMeaningsTable_NamesEverySettingAndNoOther()
    {
        string page = File.ReadAllText(PagePath);
        int table = page.IndexOf("| variable | meaning |", page.IndexOf(Meanings, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, table);
        string[] rows = [.. page[table..].Split('\n').Skip(2).TakeWhile(l => l.StartsWith('|'))];
        string[] named = [.. rows.SelectMany(r => r.Split('|')[1].Split(',', StringSplitOptions.TrimEntries)).Select(v => v.Trim('`')).Order(StringComparer.Ordinal)];

        CollectionAssert.AreEqual(AgentSettings.All.Select(s => s.Variable).Order(StringComparer.Ordinal).ToArray(), named);
    }

    [TestMethod]
    public void Readme_LinksToThePage()
        => Assert.IsTrue(File.ReadAllText(Path.Combine(Paths.Root, "README.md")).Contains("(docs/configuration.md)", StringComparison.Ordinal), "README links to docs/configuration.md");

    private static string Page()
    {
        var page = new StringBuilder();
        page.Append("# Configuration\n\n")
            .Append("Every setting of pi-stat, written from the program's own table of settings (a test holds this page to it).\n")
            .Append("Each is an environment variable, also read from a `.env` file in the working directory; the command line wins\n")
            .Append("over both, the environment over `.env`. `pi-stat config` prints every value and where it came from. A bad value\n")
            .Append("stops the start with exit code 2 and a line naming the variable, the value and what is allowed.\n\n")
            .Append("| variable | command line | allowed | default |\n|---|---|---|---|\n");
        foreach (Setting<AgentOptions> setting in AgentSettings.All)
        {
            page.Append("| `").Append(setting.Variable).Append("` | ")
                .Append(setting.IsSecret ? "refused: every local user sees a process's arguments" : $"`{setting.Option} <value>`").Append(" | ")
                .Append(Cell(setting.Allowed)).Append(" | ")
                .Append(setting.IsSecret || setting.Default.Length == 0 ? "unset" : Cell(setting.Default)).Append(" |\n");
        }

        return page.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
