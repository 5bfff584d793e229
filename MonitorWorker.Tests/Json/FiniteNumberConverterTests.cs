using System.Text.Json;
using MonitorWorker.Health;
using MonitorWorker.Json;

// In the root namespace: MonitorWorker.Tests.Json would hide the Json assertion helpers.

namespace MonitorWorker.Tests;

/// <summary>A JSON number field never carries a string: NaN and infinities that reach the serializer are written as null.</summary>
[TestClass]
public sealed class FiniteNumberConverterTests
{
    [TestMethod]
    [DataRow(double.NaN)]
    [DataRow(double.PositiveInfinity)]
    [DataRow(double.NegativeInfinity)]
    public void Serialize_NonFiniteNumber_WritesNull(double value)
    {
        var body = new HealthResponse("healthy", "pi", "2026-12-01T00:00:00Z", new Dictionary<string, HealthCheckEntry>(), "pi-stat", "0.1.0", value, 1, 0);

        string json = JsonSerializer.Serialize(body, HealthJsonContext.Relaxed.HealthResponse);

        StringAssert.Contains(json, "\"system_uptime_seconds\":null");
        Assert.DoesNotContain("NaN", json);
        Assert.DoesNotContain("Infinity", json);
    }

    [TestMethod]
    public void Serialize_FiniteNumber_WritesTheNumber()
    {
        var body = new HealthResponse("healthy", "pi", "2026-12-01T00:00:00Z", new Dictionary<string, HealthCheckEntry>(), "pi-stat", "0.1.0", 351735.65, 1, 0);

        StringAssert.Contains(JsonSerializer.Serialize(body, HealthJsonContext.Relaxed.HealthResponse), "\"system_uptime_seconds\":351735.65");
    }
}
