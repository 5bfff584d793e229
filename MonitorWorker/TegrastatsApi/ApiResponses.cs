namespace MonitorWorker.TegrastatsApi;

/// <summary>The <c>/api/status</c> body and push message, in the Tegrastats API's shape.</summary>
public sealed record ApiStatusResponse(
    ApiCpu Cpu,
    ApiGpu Gpu,
    ApiMemory Memory,
    IReadOnlyDictionary<string, double?> Temperature,
    IReadOnlyDictionary<string, ApiRail> Power,
    string Timestamp);

/// <summary>Every CPU by its kernel id, offline ones included.</summary>
public sealed record ApiCpu(IReadOnlyList<ApiCore> Cores);

/// <summary>One CPU: busy share in whole percent and frequency in MHz; both null while the CPU is offline.</summary>
public sealed record ApiCore(int Id, int? Usage, int? Freq);

/// <summary>
/// The GPU. <c>gr3d_freq</c> keeps the Tegrastats API's name and meaning: GR3D utilisation in percent (not a frequency);
/// <c>freq_mhz</c> is the frequency.
/// </summary>
public sealed record ApiGpu(int? Gr3dFreq, int? FreqMhz);

/// <summary>RAM and swap in MB (MiB, as tegrastats prints them).</summary>
public sealed record ApiMemory(ApiRam? Ram, ApiSwap? Swap);

/// <summary>RAM in MB.</summary>
public sealed record ApiRam(long Used, long Total, string Unit);

/// <summary>Swap in MB; cached is the part of swap also held in memory.</summary>
public sealed record ApiSwap(long Used, long Total, string Unit, long? Cached);

/// <summary>A power rail in mW: the present reading and tegrastats' running average.</summary>
public sealed record ApiRail(int Current, int Average, string Unit);

/// <summary>The <c>/api/health</c> body.</summary>
public sealed record ApiHealthResponse(string Status, string Service, string Version, string Timestamp, int ConnectedClients);

/// <summary>The <c>/api/cpu</c> body.</summary>
public sealed record ApiCpuResponse(ApiCpu Cpu, string Timestamp);

/// <summary>The <c>/api/memory</c> body.</summary>
public sealed record ApiMemoryResponse(ApiMemory Memory, string Timestamp);

/// <summary>The <c>/api/temperature</c> body.</summary>
public sealed record ApiTemperatureResponse(IReadOnlyDictionary<string, double?> Temperature, string Timestamp);

/// <summary>The <c>/api/power</c> body.</summary>
public sealed record ApiPowerResponse(IReadOnlyDictionary<string, ApiRail> Power, string Timestamp);
