namespace MonitorWorker.Configuration;

/// <summary>
/// One PISTAT_ variable: its name, what values it allows, how the options show its value, and how a text value is
/// applied to the options. <paramref name="Apply"/> returns null when the value was applied, else what is wrong with it.
/// </summary>
internal sealed record Setting(string Variable, string Allowed, Func<PiStatOptions, string> Show, Func<string, PiStatOptions, string?> Apply)
{
    private static readonly PiStatOptions Defaults = new();

    /// <summary>Gets the default, as a fresh <see cref="PiStatOptions"/> has it: the one place defaults are written.</summary>
    public string Default => Show(Defaults);

    /// <summary>The settings that hold keys: never printed back, never taken from the command line.</summary>
    public static readonly string[] Secrets = ["PISTAT_API_KEY", "PISTAT_PEER_API_KEY"];

    public bool IsSecret => Secrets.Contains(Variable);

    /// <summary>The command-line form: PISTAT_CACHE_SECONDS → --cache-seconds.</summary>
    public string Option => "--" + Variable["PISTAT_".Length..].ToLowerInvariant().Replace('_', '-');
}
