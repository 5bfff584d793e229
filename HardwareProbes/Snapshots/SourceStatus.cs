namespace HardwareProbes.Snapshots;

/// <summary>
/// The texts of <see cref="HardwareSnapshot.Sources"/>: <c>ok</c>, <c>not applicable: why</c>, or why the source
/// failed. The map keeps plain text so it serialises as it reads; these helpers tell the three apart.
/// </summary>
public static class SourceStatus
{
    /// <summary>The text of a source that was read.</summary>
    public const string Ok = "ok";

    /// <summary>How the text of a source that does not exist here begins.</summary>
    internal const string NotApplicablePrefix = "not applicable: ";

    /// <summary>The text of a source that does not exist on this board or operating system.</summary>
    /// <param name="why">Why, e.g. <c>Windows has no load average</c>.</param>
    /// <returns><c>not applicable: </c> and the reason.</returns>
    internal static string NotApplicable(string why) => NotApplicablePrefix + why;

    /// <summary>Classifies a status text.</summary>
    /// <param name="status">A value of <see cref="HardwareSnapshot.Sources"/>.</param>
    /// <returns>The state it stands for.</returns>
    public static SourceState StateOf(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status == Ok ? SourceState.Ok
            : status.StartsWith(NotApplicablePrefix, StringComparison.Ordinal) ? SourceState.NotApplicable
            : SourceState.Failed;
    }
}
