using MonitorWorker.Stats;

namespace MonitorWorker.PiStatApi;

/// <summary>piStat's <c>/network/interfaces</c>: the per-interface counters of <c>/stats</c>' <c>network</c> (lo left out) with active_connections among them, and a timestamp.</summary>
public sealed record NetworkInterfacesResponse(NetworkStats Interfaces, double Timestamp);

/// <summary>piStat's <c>/storage/devices</c>: each configured mount point, and the I/O counters summed over whole disks.</summary>
public sealed record StorageDevicesResponse(IReadOnlyList<StorageDevice> Devices, DiskIoStats? DiskIo, double Timestamp);

/// <summary>One mount point in bytes, with its device and filesystem type from <c>/proc/mounts</c> (null where unknown).</summary>
public sealed record StorageDevice(string? Device, string Mountpoint, string? Filesystem, long Total, long Used, long Free, double Percent);

/// <summary>piStat's <c>/system/config</c>, with what this agent has in place of a Python version and a rate limiter.</summary>
/// <param name="Platform">The operating system family (<c>Linux</c>, <c>Windows</c>), as Python's platform.system() names it.</param>
/// <param name="IsRaspberryPi">Whether the board is a Raspberry Pi.</param>
/// <param name="Hostname">The machine's host name.</param>
/// <param name="Runtime">The .NET runtime the agent runs on (piStat's python_version has no counterpart).</param>
/// <param name="Version">The agent's version.</param>
/// <param name="Board">raspberry-pi, jetson, linux or windows.</param>
/// <param name="Server">How the agent serves.</param>
/// <param name="Timestamp">Unix seconds.</param>
public sealed record SystemConfigResponse(string Platform, bool IsRaspberryPi, string Hostname, string Runtime, string? Version, string Board, ServerConfig Server, double Timestamp);

/// <summary>The agent's serving settings: port, bind address, debug, the /stats cache age, and piStat's two middleware blocks.</summary>
public sealed record ServerConfig(int Port, string Host, bool DebugMode, double CacheSeconds, double SampleSeconds, RateLimiting RateLimiting, Compression Compression, bool ApiKeyRequired);

/// <summary>piStat limits requests per client; this agent does not (it answers from one cached sample), so enabled is false.</summary>
public sealed record RateLimiting(bool Enabled, int? Requests, int? Window);

/// <summary>Response compression: the dashboard's assets are served pre-compressed; API bodies are not compressed.</summary>
public sealed record Compression(bool Enabled, int? MinSize);
