using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HardwareProbes.Snapshots;
using MonitorWorker.Configuration;
using MonitorWorker.Json;
using MonitorWorker.Notifications;
using MonitorWorker.Sampling;
using MonitorWorker.Stats;

namespace MonitorWorker.Cli;

/// <summary>The command line (SPEC §8): run (default), config, snapshot, test, monitor, demo, notify-test; every PISTAT_ variable as an option.</summary>
public static class AgentCommandLine
{
    /// <summary>The exit code when a <c>test</c> or <c>monitor</c> could not get its answer from the agent.</summary>
    public const int AgentFailed = 1;

    /// <summary>Exit code for a bad setting.</summary>
    public const int BadConfiguration = 2;

    /// <summary>The exit code when the configured address cannot be listened on (in use, or not allowed).</summary>
    public const int CannotListen = 3;

    /// <summary>Every exit code and what it means, as the man page's EXIT STATUS lists them.</summary>
    internal static readonly (int Code, string Meaning)[] ExitCodes =
    [
        (0, "success: the service stopped cleanly, or the command did what it was asked"),
        (AgentFailed, "test or monitor: the agent could not be reached, answered with an error, or sent no update; notify-test: a target did not take its message"),
        (BadConfiguration, "a setting or an argument is invalid (the message names it, its value and what is allowed); notify-test: PISTAT_NOTIFY_URLS is not set"),
        (CannotListen, "the service cannot listen on PISTAT_HOST:PISTAT_PORT (in use, or not allowed)"),
    ];

    /// <summary>What the root command says of itself, and of the settings the command line does not take.</summary>
    internal const string Description = "pi-stat: hardware monitoring agent for Raspberry Pi, NVIDIA Jetson and Linux hosts. Serves /stats, /health and more over HTTP. "
        + "Every setting is a PISTAT_ environment variable (or a .env line) and, but for the keys PISTAT_API_KEY and PISTAT_PEER_API_KEY, an option of the commands that take settings.";

    public static async Task<int> InvokeAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty, StringComparer.Ordinal);
        return await Create(environment).Parse(args).InvokeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The command line: the commands, their own options, and the settings' options on the commands that read settings
    /// (run, config, snapshot, demo; not the client commands test and monitor). The keys' options are hidden: given, they
    /// are refused with the reason (every local user sees a process's arguments).
    /// </summary>
    internal static RootCommand Create(IReadOnlyDictionary<string, string> environment)
    {
        var settingOptions = AgentSettings.All.ToDictionary(
            s => s,
            s => new Option<string?>(s.Option) { Description = $"{s.Variable}: {s.Allowed} (default {s.Default})", Hidden = s.IsSecret });

        var root = new RootCommand(Description);
        var run = new Command("run", "Run the service (the default).");
        var config = new Command("config", "Print every setting, its effective value and where it came from; exit 2 (and print only the errors) when one is invalid.");
        var snapshot = new Command("snapshot", "Take one snapshot (CPU usage over one second) and print it as /stats JSON, without a server.");
        var url = new Option<string>("--url") { Description = "The agent to query.", DefaultValueFactory = _ => "http://localhost:8585" };
        var endpoint = new Option<string>("--endpoint") { Description = "The endpoint: stats, health, a Tegrastats API name (status, cpu, memory, temperature, power), or any path.", DefaultValueFactory = _ => "stats" };
        var test = new Command("test", "Query a running agent's endpoint and print the answer.") { url, endpoint };
        var duration = new Option<double>("--duration") { Description = "Seconds to listen.", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print each update's /api/status body instead of a summary line." };
        var monitor = new Command("monitor", "Print a running agent's live updates (its /ws push stream) for --duration seconds.") { url, duration, json };
        var board = new Argument<string>("board") { Description = "A fixture board (raspberry-pi-4, jetson-orin-nano, x86-server, …) or a board folder with a proc/ tree." };
        var demo = new Command("demo", "Serve a fixture board with moving readings, labelled as a demo (the same as PISTAT_DEMO=<board> run).") { board };
        var notifyTest = new Command("notify-test", "Send a test message to every PISTAT_NOTIFY_URLS target and print each one's result; exit 0 only when every target took it.");
        foreach (Command command in new Command[] { root, run, config, snapshot, demo, notifyTest })
        {
            foreach (Option<string?> option in settingOptions.Values)
            {
                command.Options.Add(option);
            }
        }

        root.Subcommands.Add(run);
        root.Subcommands.Add(config);
        root.Subcommands.Add(snapshot);
        root.Subcommands.Add(test);
        root.Subcommands.Add(monitor);
        root.Subcommands.Add(demo);
        root.Subcommands.Add(notifyTest);

        EffectiveSettings<AgentOptions> Load(ParseResult result)
        {
            var given = settingOptions.Where(p => result.GetValue(p.Value) is not null).ToDictionary(p => p.Key.Variable, p => result.GetValue(p.Value)!, StringComparer.Ordinal);
            if (result.CommandResult.Command == demo)
            {
                given["PISTAT_DEMO"] = result.GetValue(board)!;
            }

            return AgentSettings.Load(environment, Directory.GetCurrentDirectory(), given);
        }

        Func<ParseResult, CancellationToken, Task<int>> runService = async (result, token) =>
        {
            EffectiveSettings<AgentOptions> settings = Load(result);
            if (Reject(settings))
            {
                return BadConfiguration;
            }

            await using WebApplication app = AgentHost.Build(settings.Options);
            try
            {
                await app.RunAsync(token).ConfigureAwait(false);
            }
            catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException or System.Net.Sockets.SocketException)
            {
                // Kestrel's "Failed to bind to address …: address already in use." names the address; the settings are ours.
                await Console.Error.WriteLineAsync($"{e.Message} Choose another PISTAT_PORT or PISTAT_HOST.").ConfigureAwait(false);
                return CannotListen;
            }

            return 0;
        };
        root.SetAction(runService);
        run.SetAction(runService);
        demo.SetAction(runService);
        config.SetAction(result => PrintConfig(Load(result)));
        snapshot.SetAction(async (result, token) =>
        {
            EffectiveSettings<AgentOptions> settings = Load(result);
            return Reject(settings) ? BadConfiguration : await PrintSnapshotAsync(settings.Options.Sampling, token).ConfigureAwait(false);
        });
        notifyTest.SetAction(async (result, token) =>
        {
            EffectiveSettings<AgentOptions> settings = Load(result);
            return Reject(settings) ? BadConfiguration : await NotifyTestCommand.RunAsync(settings.Options.Notify, settings.Options.Demo.Name, Console.Out, token).ConfigureAwait(false);
        });
        test.SetAction((result, token) => AgentClient.TryParseUrl(result.GetValue(url)!, out Uri? agent)
            ? AgentClient.QueryAsync(agent!, result.GetValue(endpoint)!, token)
            : Task.FromResult(BadConfiguration));
        monitor.SetAction((result, token) =>
        {
            double seconds = result.GetValue(duration);
            if (!double.IsFinite(seconds) || seconds <= 0 || seconds > 86400)
            {
                Console.Error.WriteLine($"--duration: '{seconds.ToString(CultureInfo.InvariantCulture)}' is not a number of seconds (0-86400)");
                return Task.FromResult(BadConfiguration);
            }

            return AgentClient.TryParseUrl(result.GetValue(url)!, out Uri? agent)
                ? AgentClient.MonitorAsync(agent!, TimeSpan.FromSeconds(seconds), result.GetValue(json), token)
                : Task.FromResult(BadConfiguration);
        });

        return root;
    }

    private static bool Reject(EffectiveSettings<AgentOptions> settings)
    {
        foreach (string warning in settings.Warnings)
        {
            Console.Error.WriteLine($"warning: {warning}");
        }

        foreach (string error in settings.Errors)
        {
            Console.Error.WriteLine(error);
        }

        return settings.Errors.Count > 0;
    }

    /// <summary>
    /// The effective settings as a table (variable, value, origin), its columns as wide as their widest entry; with an
    /// invalid setting only the errors are printed (on stderr), so no bad value is shown as if it were in effect.
    /// </summary>
    private static int PrintConfig(EffectiveSettings<AgentOptions> settings)
    {
        if (Reject(settings))
        {
            return BadConfiguration;
        }

        var rows = AgentSettings.All.Select(setting => settings.Values.TryGetValue(setting.Variable, out var entry)
            ? (setting.Variable, Value: setting.Shown(entry.Value), Origin: entry.Origin switch
            {
                SettingOrigin.DotEnv => ".env",
                SettingOrigin.Environment => "environment",
                SettingOrigin.CommandLine => "command line",
                _ => "default",
            })
            : (setting.Variable, Value: setting.Default, Origin: "default")).ToArray();
        int nameWidth = rows.Max(r => r.Variable.Length);
        int valueWidth = rows.Max(r => r.Value.Length);
        foreach ((string variable, string value, string origin) in rows)
        {
            Console.Out.WriteLine($"{variable.PadRight(nameWidth)}  {value.PadRight(valueWidth)}  {origin}");
        }

        return 0;
    }

    private static async Task<int> PrintSnapshotAsync(SamplingOptions options, CancellationToken token)
    {
        using ISnapshotSource source = SnapshotSource.Create(options.Probes);
        HardwareSnapshot snapshot = await source.CollectOverAsync(TimeSpan.FromSeconds(1), token).ConfigureAwait(false);
        string json = JsonSerializer.Serialize(StatsMapper.Map(snapshot, DateTimeOffset.UtcNow), StatsJsonContext.Relaxed.StatsResponse);
        await Console.Out.WriteLineAsync(json).ConfigureAwait(false);
        return 0;
    }
}
