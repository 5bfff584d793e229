using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HardwareProbes.Snapshots;
using MonitorWorker.Configuration;
using MonitorWorker.Json;
using MonitorWorker.Stats;

namespace MonitorWorker.Cli;

/// <summary>The command line (SPEC §8): run (default), config, snapshot, test, monitor, demo; every PISTAT_ variable as an option.</summary>
public static class PiStatCommandLine
{
    /// <summary>Exit code for a bad setting.</summary>
    public const int BadConfiguration = 2;

    /// <summary>The exit code when the configured address cannot be listened on (in use, or not allowed).</summary>
    public const int CannotListen = 3;

    public static async Task<int> InvokeAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty, StringComparer.Ordinal);
        var settingOptions = Settings.All.ToDictionary(
            s => s,
            s => new Option<string?>(s.Option) { Description = $"{s.Variable}: {s.Allowed} (default {s.Default})", Recursive = true });

        var root = new RootCommand("pi-stat: hardware monitoring agent for Raspberry Pi, NVIDIA Jetson and Linux hosts. Serves /stats, /health and more over HTTP.");
        foreach (Option<string?> option in settingOptions.Values)
        {
            root.Options.Add(option);
        }

        var run = new Command("run", "Run the service (the default).");
        var config = new Command("config", "Print the effective configuration and where each value came from.");
        var snapshot = new Command("snapshot", "Take one snapshot (CPU usage over one second) and print it as /stats JSON, without a server.");
        var url = new Option<string>("--url") { Description = "The agent to query.", DefaultValueFactory = _ => "http://localhost:8585" };
        var endpoint = new Option<string>("--endpoint") { Description = "The endpoint: stats, health, a Tegrastats API name (status, cpu, memory, temperature, power), or any path.", DefaultValueFactory = _ => "stats" };
        var test = new Command("test", "Query a running agent's endpoint and print the answer.") { url, endpoint };
        var duration = new Option<double>("--duration") { Description = "Seconds to listen.", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print each update's /api/status body instead of a summary line." };
        var monitor = new Command("monitor", "Print a running agent's live updates (its /ws push stream) for --duration seconds.") { url, duration, json };
        var board = new Argument<string>("board") { Description = "A fixture board (raspberry-pi-4, jetson-orin-nano, x86-server, …) or a board folder with a proc/ tree." };
        var demo = new Command("demo", "Serve a fixture board with moving readings, labelled as a demo (the same as PISTAT_DEMO=<board> run).") { board };
        root.Subcommands.Add(run);
        root.Subcommands.Add(config);
        root.Subcommands.Add(snapshot);
        root.Subcommands.Add(test);
        root.Subcommands.Add(monitor);
        root.Subcommands.Add(demo);

        EffectiveSettings Load(ParseResult result)
        {
            var given = settingOptions.Where(p => result.GetValue(p.Value) is not null).ToDictionary(p => p.Key.Variable, p => result.GetValue(p.Value)!, StringComparer.Ordinal);
            if (result.CommandResult.Command == demo)
            {
                given["PISTAT_DEMO"] = result.GetValue(board)!;
            }

            return EffectiveSettings.Load(environment, Directory.GetCurrentDirectory(), given);
        }

        Func<ParseResult, CancellationToken, Task<int>> runService = async (result, token) =>
        {
            EffectiveSettings settings = Load(result);
            if (Reject(settings))
            {
                return BadConfiguration;
            }

            await using WebApplication app = PiStatHost.Build(settings.Options);
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
            EffectiveSettings settings = Load(result);
            return Reject(settings) ? BadConfiguration : await PrintSnapshotAsync(settings.Options, token).ConfigureAwait(false);
        });
        test.SetAction((result, token) => AgentClient.TryParseUrl(result.GetValue(url)!, out Uri? root)
            ? AgentClient.QueryAsync(root!, result.GetValue(endpoint)!, token)
            : Task.FromResult(BadConfiguration));
        monitor.SetAction((result, token) =>
        {
            double seconds = result.GetValue(duration);
            if (!double.IsFinite(seconds) || seconds <= 0 || seconds > 86400)
            {
                Console.Error.WriteLine($"--duration: '{seconds.ToString(CultureInfo.InvariantCulture)}' is not a number of seconds (0-86400)");
                return Task.FromResult(BadConfiguration);
            }

            return AgentClient.TryParseUrl(result.GetValue(url)!, out Uri? root)
                ? AgentClient.MonitorAsync(root!, TimeSpan.FromSeconds(seconds), result.GetValue(json), token)
                : Task.FromResult(BadConfiguration);
        });

        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }

    /// <summary>Prints the warnings (the start goes on) and the errors (it stops); true when there are errors.</summary>
    private static bool Reject(EffectiveSettings settings)
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

    private static int PrintConfig(EffectiveSettings settings)
    {
        foreach (Setting setting in Settings.All)
        {
            (string value, string origin) = settings.Values.TryGetValue(setting.Variable, out var entry)
                ? (setting.IsSecret ? "(set, not shown)" : entry.Value, entry.Origin switch
                {
                    SettingOrigin.DotEnv => ".env",
                    SettingOrigin.Environment => "environment",
                    SettingOrigin.CommandLine => "command line",
                    _ => "default",
                })
                : (setting.Default, "default");
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{setting.Variable,-30} {value,-30} {origin}"));
        }

        return Reject(settings) ? BadConfiguration : 0;
    }

    private static async Task<int> PrintSnapshotAsync(PiStatOptions options, CancellationToken token)
    {
        using ISnapshotSource source = SnapshotSource.Create(options.Probes);
        HardwareSnapshot snapshot = await source.CollectOverAsync(TimeSpan.FromSeconds(1), token).ConfigureAwait(false);
        string json = JsonSerializer.Serialize(StatsMapper.Map(snapshot, DateTimeOffset.UtcNow), PiStatJson.Context.StatsResponse);
        await Console.Out.WriteLineAsync(json).ConfigureAwait(false);
        return 0;
    }
}
