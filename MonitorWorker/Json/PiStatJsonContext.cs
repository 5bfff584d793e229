using System.Text.Json.Serialization;
using MonitorWorker.TegrastatsApi;
using MonitorWorker.Errors;
using MonitorWorker.Events;
using MonitorWorker.Fleet;
using MonitorWorker.Health;
using MonitorWorker.History;
using MonitorWorker.PiStatApi;
using MonitorWorker.Processes;
using MonitorWorker.PytestMonitor;
using MonitorWorker.Stats;

namespace MonitorWorker.Json;

/// <summary>Source-generated JSON for every body the service writes: snake_case, nulls written as null, numbers always numbers.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(FiniteNumberConverter)])]
[JsonSerializable(typeof(StatsResponse))]
[JsonSerializable(typeof(InterfaceStats))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(ApiStatusResponse))]
[JsonSerializable(typeof(ApiHealthResponse))]
[JsonSerializable(typeof(ApiCpuResponse))]
[JsonSerializable(typeof(ApiMemoryResponse))]
[JsonSerializable(typeof(ApiTemperatureResponse))]
[JsonSerializable(typeof(ApiPowerResponse))]
[JsonSerializable(typeof(HistoryResponse))]
[JsonSerializable(typeof(EventsResponse))]
[JsonSerializable(typeof(FleetResponse))]
[JsonSerializable(typeof(FleetTrends))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(MachineContext))]
[JsonSerializable(typeof(StoredContext))]
[JsonSerializable(typeof(StoredSession))]
[JsonSerializable(typeof(StoredMetric))]
[JsonSerializable(typeof(ContextPage))]
[JsonSerializable(typeof(SessionPage))]
[JsonSerializable(typeof(MetricPage))]
[JsonSerializable(typeof(CountResponse))]
[JsonSerializable(typeof(ProcessesResponse))]
[JsonSerializable(typeof(NetworkInterfacesResponse))]
[JsonSerializable(typeof(StorageDevicesResponse))]
[JsonSerializable(typeof(SystemConfigResponse))]
[JsonSerializable(typeof(PiStatProcessesResponse))]
public sealed partial class PiStatJsonContext : JsonSerializerContext;
