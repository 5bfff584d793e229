namespace MonitorWorker.Configuration;

/// <summary>
/// One PISTAT_ variable of the options <typeparamref name="TOptions"/>: its name, what values it allows, how the
/// options show its value, and how a text value is applied to them. <paramref name="Apply"/> returns null when the
/// value was applied, else what is wrong with it. Each feature writes the rows of its own options; the program's table
/// lifts them onto the options of the whole service with <see cref="Within{TRoot}"/>.
/// </summary>
public sealed record Setting<TOptions>(string Variable, string Allowed, Func<TOptions, string> Show, Func<string, TOptions, string?> Apply)
    where TOptions : class, new()
{
    public const string Prefix = "PISTAT_";

    /// <summary>Fresh options, whose values are the defaults.</summary>
    private static readonly TOptions Defaults = new();

    /// <summary>Gets a value indicating whether the setting holds a key: never printed back, never taken from the command line.</summary>
    public bool IsSecret { get; init; }

    /// <summary>
    /// Gets how a given value is shown (by <c>config</c> and in an error) when it may hold a secret that is not the whole
    /// value (a login in a URL); null to show it as given.
    /// </summary>
    public Func<string, string>? Redact { get; init; }

    /// <summary>A given value as it may be shown: hidden for a key, redacted where it holds a secret, else as given.</summary>
    public string Shown(string value) => IsSecret ? "(set, not shown)" : Redact?.Invoke(value) ?? value;

    /// <summary>Gets the default, as fresh options have it: the one place defaults are written is the options class.</summary>
    public string Default => Show(Defaults);

    /// <summary>Gets the command-line form: PISTAT_CACHE_SECONDS → --cache-seconds.</summary>
    public string Option => "--" + Variable[Prefix.Length..].ToLowerInvariant().Replace('_', '-');

    /// <summary>The same setting on options that hold this feature's options as <paramref name="part"/>.</summary>
    public Setting<TRoot> Within<TRoot>(Func<TRoot, TOptions> part)
        where TRoot : class, new()
    {
        ArgumentNullException.ThrowIfNull(part);
        return new Setting<TRoot>(Variable, Allowed, root => Show(part(root)), (value, root) => Apply(value, part(root))) { IsSecret = IsSecret, Redact = Redact };
    }
}
