using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HardwareProbes.Cpu;
using HardwareProbes.Snapshots;
using MonitorWorker.Configuration;
using MonitorWorker.Json;
using MonitorWorker.Sampling;
using MonitorWorker.Stats;

namespace MonitorWorker.Cli;

/// <summary>The command line (SPEC §8): run (default), config, snapshot, test; every PISTAT_ variable as an option.</summary>
public static class PiStatCommandLine
{
    /// <summary>Exit code for a bad setting.</summary>
    public const int BadConfiguration = 2;

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
        var endpoint = new Option<string>("--endpoint") { Description = "The endpoint: stats, health, or any path such as api/cpu.", DefaultValueFactory = _ => "stats" };
        var test = new Command("test", "Query a running agent's endpoint and print the answer.") { url, endpoint };
        root.Subcommands.Add(run);
        root.Subcommands.Add(config);
        root.Subcommands.Add(snapshot);
        root.Subcommands.Add(test);

        EffectiveSettings Load(ParseResult result) => EffectiveSettings.Load(
            environment,
            Directory.GetCurrentDirectory(),
            settingOptions.Where(p => result.GetValue(p.Value) is not null).ToDictionary(p => p.Key.Variable, p => result.GetValue(p.Value)!, StringComparer.Ordinal));

        Func<ParseResult, CancellationToken, Task<int>> runService = async (result, token) =>
        {
            EffectiveSettings settings = Load(result);
            if (Reject(settings))
            {
                return BadConfiguration;
            }

            await using WebApplication app = PiStatHost.Build(settings.Options);
            await app.RunAsync(token).ConfigureAwait(false);
            return 0;
        };
        root.SetAction(runService);
        run.SetAction(runService);
        config.SetAction(result => PrintConfig(Load(result)));
        snapshot.SetAction(async (result, token) =>
        {
            EffectiveSettings settings = Load(result);
            return Reject(settings) ? BadConfiguration : await PrintSnapshotAsync(settings.Options, token).ConfigureAwait(false);
        });
        test.SetAction((result, token) => QueryAsync(result.GetValue(url)!, result.GetValue(endpoint)!, token));

        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }

    private static bool Reject(EffectiveSettings settings)
    {
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
        using ISnapshotSource source = SnapshotSourceFactory.Create(options);
        ProcStat? baseline = source.ReadCpuTimes();
        await Task.Delay(TimeSpan.FromSeconds(1), token).ConfigureAwait(false);
        HardwareSnapshot snapshot = source.Collect(baseline);
        string json = JsonSerializer.Serialize(StatsMapper.Map(snapshot, DateTimeOffset.UtcNow), PiStatJson.Context.StatsResponse);
        await Console.Out.WriteLineAsync(json).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> QueryAsync(string baseUrl, string endpoint, CancellationToken token)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out Uri? root) || (root.Scheme != "http" && root.Scheme != "https"))
        {
            await Console.Error.WriteLineAsync($"--url: '{baseUrl}' is not an http(s) URL").ConfigureAwait(false);
            return BadConfiguration;
        }

        string path = endpoint.Trim('/');
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        string? key = Environment.GetEnvironmentVariable("PISTAT_API_KEY");
        if (!string.IsNullOrEmpty(key))
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        try
        {
            using HttpResponseMessage response = await http.GetAsync(new Uri(root, path), token).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(await response.Content.ReadAsStringAsync(token).ConfigureAwait(false)).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{new Uri(root, path)}: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
