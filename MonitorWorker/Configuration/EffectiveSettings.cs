namespace MonitorWorker.Configuration;

/// <summary>Where a setting's value came from, lowest precedence first.</summary>
public enum SettingOrigin
{
    Default,
    DotEnv,
    Environment,
    CommandLine,
}

/// <summary>The options as loaded, with the origin of each variable's value, or the errors that stop the start.</summary>
public sealed class EffectiveSettings
{
    internal EffectiveSettings(PiStatOptions options, IReadOnlyDictionary<string, (string Value, SettingOrigin Origin)> values, IReadOnlyList<string> errors, IReadOnlyList<string> warnings)
    {
        Options = options;
        Values = values;
        Errors = errors;
        Warnings = warnings;
    }

    /// <summary>One line per thing that was ignored but does not stop the start: an unknown PISTAT_ name, an unparsed <c>.env</c> line.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public PiStatOptions Options { get; }

    /// <summary>Every variable that was set somewhere, with its winning value and origin.</summary>
    public IReadOnlyDictionary<string, (string Value, SettingOrigin Origin)> Values { get; }

    /// <summary>One line per bad value: <c>PISTAT_PORT: 'abc' is not a port (1–65535)</c>.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>
    /// Loads the settings: defaults, then <c>.env</c> in <paramref name="workingDirectory"/>, then the environment, then
    /// command-line values (keyed by variable name). A value that does not parse, or breaks a DataAnnotations rule,
    /// becomes an error line naming the variable, the value and what is allowed.
    /// </summary>
    public static EffectiveSettings Load(IReadOnlyDictionary<string, string> environment, string workingDirectory, IReadOnlyDictionary<string, string> commandLine)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(commandLine);
        var values = new Dictionary<string, (string, SettingOrigin)>(StringComparer.Ordinal);
        var errors = new List<string>();
        var warnings = new List<string>();
        string dotEnvPath = Path.Combine(workingDirectory, ".env");
        if (File.Exists(dotEnvPath))
        {
            Layer(DotEnvFile.Parse(File.ReadAllText(dotEnvPath), warnings), SettingOrigin.DotEnv, values, warnings);
        }

        Layer(environment, SettingOrigin.Environment, values, warnings);
        Layer(commandLine, SettingOrigin.CommandLine, values, warnings);
        foreach (string secret in Setting.Secrets)
        {
            if (values.TryGetValue(secret, out (string, SettingOrigin Origin) key) && key.Origin == SettingOrigin.CommandLine)
            {
                // Every local user can read a process's arguments (ps, /proc/<pid>/cmdline); the environment and .env are private to it.
                errors.Add($"{secret}: not accepted on the command line, where every local user sees it in ps; set it in the environment or in .env");
                values.Remove(secret);
            }
        }

        var options = new PiStatOptions();
        foreach (Setting setting in Settings.All)
        {
            if (values.TryGetValue(setting.Variable, out (string Value, SettingOrigin Origin) entry) && setting.Apply(entry.Value.Trim(), options) is string problem)
            {
                // A secret is described, never echoed: error lines end up in logs.
                string shown = setting.IsSecret ? $"({entry.Value.Length} characters, not shown)" : $"'{entry.Value}'";
                string where = entry.Origin == SettingOrigin.DotEnv ? $" (set in {dotEnvPath})" : string.Empty;
                errors.Add($"{setting.Variable}: {shown} {problem}{where}");
            }
        }

        if (errors.Count == 0)
        {
            Microsoft.Extensions.Options.ValidateOptionsResult check = new PiStatOptionsValidator().Validate(null, options);
            if (check.Failed)
            {
                errors.AddRange(check.Failures);
            }

            try
            {
                options.Probes.Validate();
            }
            catch (ArgumentException e)
            {
                errors.Add(e.Message);
            }
        }

        return new EffectiveSettings(options, values, errors, warnings);
    }

    private static void Layer(IEnumerable<KeyValuePair<string, string>> source, SettingOrigin origin, Dictionary<string, (string, SettingOrigin)> values, List<string> warnings)
    {
        foreach ((string name, string value) in source)
        {
            if (!name.StartsWith("PISTAT_", StringComparison.Ordinal))
            {
                continue;
            }

            if (Settings.Find(name) is not null)
            {
                values[name] = (value, origin);
            }
            else
            {
                string from = origin == SettingOrigin.DotEnv ? ".env" : "the environment";
                string hint = Settings.Closest(name) is string near ? $"; did you mean {near}?" : string.Empty;
                warnings.Add($"{name} (from {from}) is not a pi-stat setting and is ignored{hint}");
            }
        }
    }
}
