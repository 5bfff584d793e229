namespace HardwareProbes.IO;

/// <summary>The outcome of one bounded read: the text, or why there is none.</summary>
internal readonly ref struct ReadResult
{
    public ReadResult(ReadOnlySpan<char> text)
    {
        Text = text;
        Failure = null;
    }

    public ReadResult(string failure)
    {
        Text = default;
        Failure = failure;
    }

    /// <summary>The file's text; valid until the next read on the same reader.</summary>
    public ReadOnlySpan<char> Text { get; }

    /// <summary>Why the file could not be read, or null when it was.</summary>
    public string? Failure { get; }

    public bool Succeeded => Failure is null;
}
