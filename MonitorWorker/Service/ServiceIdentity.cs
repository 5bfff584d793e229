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

    /// <summary>
    /// The name this node goes by in /stats, /health and the fleet view: the host name, or for a demo the board's name
    /// at the host (<c>raspberry-pi-4@vm</c>), so demos of several boards on one machine are told apart.
    /// </summary>
    public static string NodeName(string? demo) => demo is null ? Hostname : $"{demo}@{Hostname}";
}
