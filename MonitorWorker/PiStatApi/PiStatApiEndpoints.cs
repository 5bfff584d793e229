using System.Runtime.InteropServices;
using HardwareProbes.Identity;
using HardwareProbes.Snapshots;
using HardwareProbes.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MonitorWorker.AccessControl;
using MonitorWorker.Errors;
using MonitorWorker.Hosting;
using MonitorWorker.Http;
using MonitorWorker.Json;
using MonitorWorker.Sampling;
using MonitorWorker.Service;
using MonitorWorker.Stats;

namespace MonitorWorker.PiStatApi;

/// <summary>
/// piStat's newer endpoints with its body shapes: <c>/network/interfaces</c>, <c>/storage/devices</c> and
/// <c>/system/config</c>. The first two answer from the sampler's latest snapshot (no extra reading); the third from
/// the settings. piStat's <c>/processes</c> lives with the process list, its <c>fields=</c> with <c>/stats</c>.
/// </summary>
public static class PiStatApiEndpoints
{
    public static IEndpointRouteBuilder MapPiStatApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/network/interfaces", ReadMethods.GetAndHead, GetInterfaces)
            .WithName("GetNetworkInterfaces")
            .WithSummary("piStat's per-interface counters")
            .Produces<NetworkInterfacesResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable, "application/json");
        app.MapMethods("/storage/devices", ReadMethods.GetAndHead, GetStorage)
            .WithName("GetStorageDevices")
            .WithSummary("piStat's mount points with device, filesystem and usage, and the disk I/O counters")
            .Produces<StorageDevicesResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable, "application/json");
        app.MapMethods("/system/config", ReadMethods.GetAndHead, GetConfig)
            .WithName("GetSystemConfig")
            .WithSummary("piStat's system and server configuration")
            .Produces<SystemConfigResponse>(StatusCodes.Status200OK, "application/json");
        return app;
    }

    private static Results<JsonHttpResult<NetworkInterfacesResponse>, JsonHttpResult<ErrorResponse>> GetInterfaces(HttpContext context, SnapshotStore store, TimeProvider time)
    {
        if (store.Latest is not HardwareSnapshot snapshot)
        {
            return Unavailable.Answer(context, "No snapshot yet: the first one is being taken", time);
        }

        return TypedResults.Json(new NetworkInterfacesResponse(StatsMapper.Network(snapshot), Timestamps.UnixSeconds(snapshot.Timestamp)), PiStatApiJsonContext.Relaxed.NetworkInterfacesResponse);
    }

    private static Results<JsonHttpResult<StorageDevicesResponse>, JsonHttpResult<ErrorResponse>> GetStorage(HttpContext context, SnapshotStore store, TimeProvider time)
    {
        if (store.Latest is not HardwareSnapshot snapshot)
        {
            return Unavailable.Answer(context, "No snapshot yet: the first one is being taken", time);
        }

        StorageDevice[] devices = [.. snapshot.Filesystems.Select(static f => new StorageDevice(f.Device, f.MountPoint, f.FileSystemType, f.TotalBytes, f.UsedBytes, f.FreeBytes, Math.Round(f.Percent, 1)))];
        DiskIoStats? io = snapshot.DiskIo is DiskIoCounters d ? new DiskIoStats(d.ReadCount, d.WriteCount, d.ReadBytes, d.WriteBytes) : null;
        return TypedResults.Json(new StorageDevicesResponse(devices, io, Timestamps.UnixSeconds(snapshot.Timestamp)), PiStatApiJsonContext.Relaxed.StorageDevicesResponse);
    }

    private static JsonHttpResult<SystemConfigResponse> GetConfig(SnapshotStore store, SnapshotViews views, ApiKey key, IOptions<ServerOptions> serverOptions, IOptions<SamplingOptions> sampling, TimeProvider time)
    {
        ServerOptions o = serverOptions.Value;
        SamplingOptions s = sampling.Value;
        BoardKind board = store.Latest?.Identity.Board ?? (OperatingSystem.IsWindows() ? BoardKind.Windows : BoardKind.Linux);
        var server = new ServerConfig(o.Port, o.Host, o.Debug, s.CacheSeconds, s.SampleSeconds, new RateLimiting(false, null, null), new Compression(false, null), key.IsSet);
        var response = new SystemConfigResponse(
            OperatingSystem.IsWindows() ? "Windows" : "Linux",
            board == BoardKind.RaspberryPi,
            ServiceIdentity.NodeName(views.Demo),
            RuntimeInformation.FrameworkDescription,
            ServiceIdentity.Version,
            StatsMapper.BoardName(board),
            server,
            Timestamps.UnixSeconds(time.GetUtcNow()));
        return TypedResults.Json(response, PiStatApiJsonContext.Relaxed.SystemConfigResponse);
    }
}
