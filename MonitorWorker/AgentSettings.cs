using MonitorWorker.AccessControl;
using MonitorWorker.Configuration;
using MonitorWorker.Demo;
using MonitorWorker.Fleet;
using MonitorWorker.History;
using MonitorWorker.Hosting;
using MonitorWorker.Mqtt;
using MonitorWorker.Notifications;
using MonitorWorker.Persistence;
using MonitorWorker.Processes;
using MonitorWorker.Push;
using MonitorWorker.PytestMonitor;
using MonitorWorker.Sampling;
using MonitorWorker.SocketIo;

namespace MonitorWorker;

/// <summary>
/// Every PISTAT_ variable: each feature's rows, in the order <c>config</c>, <c>--help</c>, the man page and
/// docs/configuration.md list them, lifted onto <see cref="AgentOptions"/>.
/// </summary>
public static class AgentSettings
{
    public static IReadOnlyList<Setting<AgentOptions>> All { get; } =
    [
        .. ServerOptions.Settings.Select(s => s.Within<AgentOptions>(o => o.Server)),
        .. SamplingOptions.Settings.Select(s => s.Within<AgentOptions>(o => o.Sampling)),
        .. AccessOptions.Settings.Select(s => s.Within<AgentOptions>(o => o.Access)),
        .. PushOptions.Settings.Select(s => s.Within<AgentOptions>(o => o.Push)),
        .. SocketIoOptions.Settings.Select(s => s.Within<AgentOptions>(o => o.SocketIo)),
        .. HistoryOptions.Settings.Select(s => s.Within<AgentOptions>(o => o.History)),
        .. NotifyOptions.Settings.Select(s => s.Within<AgentOptions>(o => o.Notify)),
        .. MqttOptions.Settings.Select(s => s.Within<AgentOptions>(o => o.Mqtt)),
        .. ProcessOptions.Settings.Select(s => s.Within<AgentOptions>(o => o.Processes)),
        .. FleetOptions.Settings.Select(s => s.Within<AgentOptions>(o => o.Fleet)),
        .. DataOptions.Settings.Select(s => s.Within<AgentOptions>(o => o.Data)),
        .. PytestMonitorOptions.Settings.Select(s => s.Within<AgentOptions>(o => o.PytestMonitor)),
        .. DemoOptions.Settings.Select(s => s.Within<AgentOptions>(o => o.Demo)),
    ];

    /// <summary>
    /// Loads the settings: defaults, then <c>.env</c> in <paramref name="workingDirectory"/>, then the environment, then
    /// command-line values (keyed by variable name); a value that parses but breaks a feature's range, or probe options
    /// the library refuses, is an error too.
    /// </summary>
    public static EffectiveSettings<AgentOptions> Load(IReadOnlyDictionary<string, string> environment, string workingDirectory, IReadOnlyDictionary<string, string> commandLine)
        => EffectiveSettings.Load(All, Validate, environment, workingDirectory, commandLine);

    private static IEnumerable<string> Validate(AgentOptions options)
    {
        var errors = new List<string>();
        Microsoft.Extensions.Options.ValidateOptionsResult check = new AgentOptionsValidator().Validate(null, options);
        if (check.Failed)
        {
            errors.AddRange(check.Failures);
        }

        try
        {
            options.Sampling.Probes.Validate();
        }
        catch (ArgumentException e)
        {
            errors.Add(e.Message);
        }

        return errors;
    }
}
