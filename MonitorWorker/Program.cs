using MonitorWorker.Cli;

// pi-stat: parse the command line, load PISTAT_ settings, and run the service or a one-off command.
// The composition of the service is in AgentHost; the commands in Cli/AgentCommandLine.
return await AgentCommandLine.InvokeAsync(args);
