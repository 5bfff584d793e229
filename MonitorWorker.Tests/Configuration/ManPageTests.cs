using System.CommandLine;
using System.Text;
using MonitorWorker.Configuration;
using CommandLine = MonitorWorker.Cli.AgentCommandLine;

namespace MonitorWorker.Tests.Configuration;

/// <summary>
/// The man page and `--help` from one source: the command line and the settings rows. The
/// man page's COMMANDS, ENVIRONMENT and EXIT STATUS sections are written from them (PISTAT_WRITE_MANPAGE=1 with this
/// test rewrites them); the tests fail when the page or the help no longer say what the program does.
/// </summary>
[TestClass]
public sealed class ManPageTests
{
    private static readonly string ManPage = Path.Combine(Paths.Root, "deploy", "debian", "pi-stat.1");

    private static readonly string[] Sections = ["COMMANDS", "ENVIRONMENT", "EXIT STATUS"];

    /// <summary>Roff text: backslashes and hyphens escaped, a leading dot or quote kept from being read as a request.</summary>
    private static string Roff(string text)
    {
        string escaped = text.Replace("\\", "\\e", StringComparison.Ordinal).Replace("-", "\\-", StringComparison.Ordinal);
        return escaped.StartsWith('.') || escaped.StartsWith('\'') ? "\\&" + escaped : escaped;
    }

    private static bool TakesSettings(Command command) => command.Options.Any(o => o.Name == "--port");

    /// <summary>A command's synopsis: its name, its arguments, its own options, and whether it takes the settings.</summary>
    internal static string Synopsis(Command command)
    {
        var line = new StringBuilder(".B ").Append(command.Name);
        foreach (Argument argument in command.Arguments)
        {
            line.Append(" \\fI").Append(Roff(argument.Name)).Append("\\fR");
        }

        foreach (Option option in command.Options.Where(o => !o.Name.StartsWith("--", StringComparison.Ordinal) || !IsSetting(o)))
        {
            if (option.Name is "--help" or "-h" or "-?" or "--version")
            {
                continue;
            }

            line.Append(" \\fR[\\fB").Append(Roff(option.Name)).Append("\\fR");
            if (option.ValueType != typeof(bool))
            {
                line.Append(" \\fI").Append(Roff(option.Name.TrimStart('-'))).Append("\\fR");
            }

            line.Append(']');
        }

        if (TakesSettings(command))
        {
            line.Append(" \\fR[\\fIsettings\\fR]");
        }

        return line.ToString();
    }

    private static bool IsSetting(Option option) => AgentSettings.All.Any(s => s.Option == option.Name);

    /// <summary>The three generated sections, as the page should hold them.</summary>
    internal static Dictionary<string, string> Render()
    {
        RootCommand root = CommandLine.Create(new Dictionary<string, string>());
        var commands = new StringBuilder();
        foreach (Command command in root.Subcommands)
        {
            commands.Append(".TP\n").Append(Synopsis(command)).Append('\n').Append(Roff(command.Description!)).Append('\n');
            foreach (Option option in command.Options.Where(o => !IsSetting(o) && o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name is not ("--help" or "--version")))
            {
                commands.Append(".br\n\\fB").Append(Roff(option.Name)).Append("\\fR: ").Append(Roff(option.Description!)).Append('\n');
            }
        }

        commands.Append(".PP\nWith no command,\n.B pi-stat\nruns the service, as\n.B run\ndoes.\n");

        var environment = new StringBuilder();
        environment.Append("Every setting is an environment variable, also read from a\n.I .env\nfile in the working directory; the command line wins over both, the environment over\n.IR .env .\n");
        foreach (Setting<AgentOptions> setting in AgentSettings.All)
        {
            environment.Append(".TP\n.B ").Append(setting.Variable).Append('\n')
                .Append(Roff($"{setting.Allowed}; default {setting.Default}.")).Append('\n')
                .Append(setting.IsSecret
                    ? "From the environment or .env only: refused on the command line, where every local user sees it.\n"
                    : $"On the command line: \\fB{Roff(setting.Option)}\\fR.\n");
        }

        var exit = new StringBuilder();
        foreach ((int code, string meaning) in CommandLine.ExitCodes)
        {
            exit.Append(".TP\n.B ").Append(code).Append('\n').Append(Roff(meaning)).Append('\n');
        }

        return new Dictionary<string, string> { ["COMMANDS"] = commands.ToString(), ["ENVIRONMENT"] = environment.ToString(), ["EXIT STATUS"] = exit.ToString() };
    }

    /// <summary>Where one section's text lies in the page: from after its .SH line to the next .SH line.</summary>
    private static Range SectionRange(string page, string name)
    {
        int start = page.IndexOf($".SH {Quote(name)}\n", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, $"no .SH {name} in the man page");
        start = page.IndexOf('\n', start) + 1;
        int end = page.IndexOf("\n.SH ", start - 1, StringComparison.Ordinal) + 1;
        return start..end;
    }

    private static string SectionOf(string page, string name) => page[SectionRange(page, name)];

    private static string Quote(string name) => name.Contains(' ', StringComparison.Ordinal) ? $"\"{name}\"" : name;

    [TestMethod]
    public void TheManPagesCommandsEnvironmentAndExitStatus_AreWhatTheProgramDefines()
    {
        string page = File.ReadAllText(ManPage);
        Dictionary<string, string> expected = Render();
        if (Environment.GetEnvironmentVariable("PISTAT_WRITE_MANPAGE") == "1")
        {
            foreach (string section in Sections)
            {
                (int offset, int length) = SectionRange(page, section).GetOffsetAndLength(page.Length);
                page = page.Remove(offset, length).Insert(offset, expected[section]);
            }

            File.WriteAllText(ManPage, page);
        }

        foreach (string section in Sections)
        {
            Assert.AreEqual(expected[section], SectionOf(page, section), $"{section}: PISTAT_WRITE_MANPAGE=1 dotnet test MonitorWorker.Tests --filter ManPageTests rewrites it");
        }
    }

    [TestMethod]
    public void Help_ListsEachCommandsOwnOptions_AndTheSettingsOnlyWhereTheyApply_WithoutTheKeys()
    {
        (int rootCode, string rootHelp, _) = Cli.Run(new Dictionary<string, string>(), null, "--help");
        (int testCode, string testHelp, _) = Cli.Run(new Dictionary<string, string>(), null, "test", "--help");
        (int monitorCode, string monitorHelp, _) = Cli.Run(new Dictionary<string, string>(), null, "monitor", "--help");
        (int runCode, string runHelp, _) = Cli.Run(new Dictionary<string, string>(), null, "run", "--help");

        Assert.AreEqual((0, 0, 0, 0), (rootCode, testCode, monitorCode, runCode));
        foreach (Setting<AgentOptions> setting in AgentSettings.All)
        {
            if (setting.IsSecret)
            {
                Assert.DoesNotContain(setting.Option + " ", rootHelp, "a key is refused on the command line, so it is not offered there");
            }
            else
            {
                StringAssert.Contains(rootHelp, setting.Option + " ");
                StringAssert.Contains(runHelp, setting.Option + " ");
            }

            Assert.DoesNotContain(setting.Option + " ", testHelp, "test takes no settings");
            Assert.DoesNotContain(setting.Option + " ", monitorHelp, "monitor takes no settings");
        }

        StringAssert.Contains(testHelp, "--endpoint");
        StringAssert.Contains(testHelp, "--url");
        StringAssert.Contains(monitorHelp, "--duration");
        StringAssert.Contains(rootHelp, "PISTAT_API_KEY and PISTAT_PEER_API_KEY");
    }
}
