namespace HardwareProbes.IO;

/// <summary>A pure parser from a file's text to a value.</summary>
internal delegate T SpanParser<out T>(ReadOnlySpan<char> text);
