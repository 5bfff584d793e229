namespace MonitorWorker.Configuration;

/// <summary>
/// One PISTAT_ variable: its name, default, what values it allows, and how a text value is applied to the options.
/// <paramref name="Apply"/> returns null when the value was applied, else what is wrong with it.
/// </summary>
internal sealed record Setting(string Variable, string Default, string Allowed, Func<string, PiStatOptions, string?> Apply)
{
    /// <summary>The command-line form: PISTAT_CACHE_SECONDS → --cache-seconds.</summary>
    public bool IsSecret => Variable == "PISTAT_API_KEY";

    public string Option => "--" + Variable["PISTAT_".Length..].ToLowerInvariant().Replace('_', '-');
}
