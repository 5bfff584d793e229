namespace MonitorWorker.Metrics;

/// <summary>
/// Families another feature adds to <c>/metrics</c> after the agent's own (the fleet's small boards), written in the
/// format the scrape asked for. A feature registers one; <c>/metrics</c> knows nothing else of it.
/// </summary>
public interface IMetricsAppendix
{
    /// <summary>Writes the families, or nothing.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="openMetrics">Whether the scrape is OpenMetrics text (else the Prometheus text format 0.0.4).</param>
    /// <param name="reservedPrefixes">Metric name prefixes the agent's own families use, which the appendix must not repeat.</param>
    void Write(TextWriter writer, bool openMetrics, IReadOnlyList<string> reservedPrefixes);
}
