namespace MonitorWorker.Fleet;

/// <summary>A metric family's type, as its <c># TYPE</c> line gives it; <see cref="Untyped"/> without one.</summary>
public enum ExpositionType
{
    Untyped,
    Counter,
    Gauge,
    Summary,
    Histogram,
}

/// <summary>One sample line: its metric name, labels in the order given, value (NaN and ±Inf allowed) and optional timestamp in ms.</summary>
public sealed record ExpositionSample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, long? TimestampMs);

/// <summary>A metric family: its name, type, help text and samples in the order they came.</summary>
public sealed record ExpositionFamily(string Name, ExpositionType Type, string? Help, IReadOnlyList<ExpositionSample> Samples);

/// <summary>What a Prometheus text exposition held: its families, and every line that was not taken, with why.</summary>
public sealed record ExpositionDocument(IReadOnlyList<ExpositionFamily> Families, IReadOnlyList<string> Problems)
{
    /// <summary>Gets every sample of every family.</summary>
    public int SampleCount => Families.Sum(f => f.Samples.Count);
}
