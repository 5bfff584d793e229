using Microsoft.Extensions.Options;
using MonitorWorker.AccessControl;
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
/// The service's settings: each feature's options, as that feature defines them (with their defaults, ranges and
/// PISTAT_ rows). Bound from PISTAT_ variables, <c>.env</c> and the command line by <see cref="AgentSettings"/>.
/// </summary>
public sealed class AgentOptions
{
    [ValidateObjectMembers]
    public ServerOptions Server { get; set; } = new();

    [ValidateObjectMembers]
    public SamplingOptions Sampling { get; set; } = new();

    [ValidateObjectMembers]
    public PushOptions Push { get; set; } = new();

    [ValidateObjectMembers]
    public SocketIoOptions SocketIo { get; set; } = new();

    public AccessOptions Access { get; set; } = new();

    [ValidateObjectMembers]
    public FleetOptions Fleet { get; set; } = new();

    [ValidateObjectMembers]
    public HistoryOptions History { get; set; } = new();

    public NotifyOptions Notify { get; set; } = new();

    [ValidateObjectMembers]
    public MqttOptions Mqtt { get; set; } = new();

    public DataOptions Data { get; set; } = new();

    [ValidateObjectMembers]
    public PytestMonitorOptions PytestMonitor { get; set; } = new();

    [ValidateObjectMembers]
    public ProcessOptions Processes { get; set; } = new();

    public DemoOptions Demo { get; set; } = new();
}

/// <summary>DataAnnotations validation of <see cref="AgentOptions"/> and each feature's part, generated at compile time (no reflection, Native AOT safe).</summary>
[OptionsValidator]
public sealed partial class AgentOptionsValidator : IValidateOptions<AgentOptions>;
