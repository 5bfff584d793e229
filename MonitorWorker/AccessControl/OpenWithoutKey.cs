namespace MonitorWorker.AccessControl;

/// <summary>
/// Endpoint metadata: this endpoint answers without the API key. Each feature marks its own open endpoints with
/// <see cref="OpenWithoutKeyExtensions.OpenWithoutKey{TBuilder}"/>; the key check reads the mark, not a list of paths.
/// </summary>
public sealed class OpenWithoutKey
{
    private OpenWithoutKey()
    {
    }

    /// <summary>Gets the one mark.</summary>
    public static OpenWithoutKey Instance { get; } = new();
}

/// <summary>Marks endpoints as open without the API key.</summary>
public static class OpenWithoutKeyExtensions
{
    /// <summary>The endpoint answers without the key (it holds no readings, or checks the key itself).</summary>
    public static TBuilder OpenWithoutKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
        => builder.WithMetadata(global::MonitorWorker.AccessControl.OpenWithoutKey.Instance);
}
