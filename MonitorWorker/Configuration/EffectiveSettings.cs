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
public sealed class EffectiveSettings<TOptions>
    where TOptions : class, new()
{
    internal EffectiveSettings(TOptions options, IReadOnlyDictionary<string, (string Value, SettingOrigin Origin)> values, IReadOnlyList<string> errors, IReadOnlyList<string> warnings)
    {
        Options = options;
        Values = values;
        Errors = errors;
        Warnings = warnings;
    }

    /// <summary>One line per thing that was ignored but does not stop the start: an unknown PISTAT_ name, an unparsed <c>.env</c> line.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public TOptions Options { get; }

    /// <summary>Every variable that was set somewhere, with its winning value and origin.</summary>
    public IReadOnlyDictionary<string, (string Value, SettingOrigin Origin)> Values { get; }

    /// <summary>One line per bad value: <c>PISTAT_PORT: 'abc' is not a port (1–65535)</c>.</summary>
    public IReadOnlyList<string> Errors { get; }
}

/// <summary>Loads a table of settings into its options.</summary>
public static class EffectiveSettings
{
    /// <summary>
    /// Loads the settings of <paramref name="table"/>: defaults, then <c>.env</c> in <paramref name="workingDirectory"/>,
    /// then the environment, then command-line values (keyed by variable name). A value that does not parse becomes an
    /// error line naming the variable, the value and what is allowed; when every value parsed, <paramref name="validate"/>
    /// adds what the options as a whole break.
    /// </summary>
    public static EffectiveSettings<TOptions> Load<TOptions>(
        IReadOnlyList<Setting<TOptions>> table,
        Func<TOptions, IEnumerable<string>> validate,
        IReadOnlyDictionary<string, string> environment,
        string workingDirectory,
        IReadOnlyDictionary<string, string> commandLine)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(validate);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(commandLine);
        var rows = table.ToDictionary(s => s.Variable, StringComparer.Ordinal);
        var values = new Dictionary<string, (string, SettingOrigin)>(StringComparer.Ordinal);
        var errors = new List<string>();
        var warnings = new List<string>();
        string dotEnvPath = Path.Combine(workingDirectory, ".env");
        if (File.Exists(dotEnvPath))
        {
            Layer(DotEnvFile.Parse(File.ReadAllText(dotEnvPath), warnings), SettingOrigin.DotEnv, rows, values, warnings);
        }

        Layer(environment, SettingOrigin.Environment, rows, values, warnings);
        Layer(commandLine, SettingOrigin.CommandLine, rows, values, warnings);
        foreach (Setting<TOptions> secret in table.Where(s => s.IsSecret))
        {
            if (values.TryGetValue(secret.Variable, out (string, SettingOrigin Origin) key) && key.Origin == SettingOrigin.CommandLine)
            {
                // Every local user can read a process's arguments (ps, /proc/<pid>/cmdline); the environment and .env are private to it.
                errors.Add($"{secret.Variable}: not accepted on the command line, where every local user sees it in ps; set it in the environment or in .env");
                values.Remove(secret.Variable);
            }
        }

        var options = new TOptions();
        foreach (Setting<TOptions> setting in table)
        {
            if (values.TryGetValue(setting.Variable, out (string Value, SettingOrigin Origin) entry) && setting.Apply(entry.Value.Trim(), options) is string problem)
            {
                // A secret is described, never echoed: error lines end up in logs.
                string shown = setting.IsSecret ? $"({entry.Value.Length} characters, not shown)" : $"'{setting.Shown(entry.Value)}'";
                string where = entry.Origin == SettingOrigin.DotEnv ? $" (set in {dotEnvPath})" : string.Empty;
                errors.Add($"{setting.Variable}: {shown} {problem}{where}");
            }
        }

        if (errors.Count == 0)
        {
            errors.AddRange(validate(options));
        }

        return new EffectiveSettings<TOptions>(options, values, errors, warnings);
    }

    private static void Layer<TOptions>(
        IEnumerable<KeyValuePair<string, string>> source, SettingOrigin origin, Dictionary<string, Setting<TOptions>> rows,
        Dictionary<string, (string, SettingOrigin)> values, List<string> warnings)
        where TOptions : class, new()
    {
        foreach ((string name, string value) in source)
        {
            if (!name.StartsWith(Setting<TOptions>.Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (rows.ContainsKey(name))
            {
                values[name] = (value, origin);
            }
            else
            {
                string from = origin == SettingOrigin.DotEnv ? ".env" : "the environment";
                string hint = SettingValues.Closest(name, rows.Keys) is string near ? $"; did you mean {near}?" : string.Empty;
                warnings.Add($"{name} (from {from}) is not a pi-stat setting and is ignored{hint}");
            }
        }
    }
}
