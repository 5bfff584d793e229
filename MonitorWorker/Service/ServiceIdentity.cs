using System.Reflection;

namespace MonitorWorker.Service;

/// <summary>What the service calls itself everywhere: health bodies, the Windows service, OpenTelemetry's resource, the CLI.</summary>
public static class ServiceIdentity
{
    /// <summary>The service's name.</summary>
    public const string Name = "pi-stat";

    /// <summary>Gets the version the build was stamped with, without the source revision suffix.</summary>
    public static string Version { get; } = typeof(ServiceIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Gets the machine's host name, read once.</summary>
    public static string Hostname { get; } = Environment.MachineName;
}
