using MonitorWorker.Cli;

// pi-stat: parse the command line, load PISTAT_ settings, and run the service or a one-off command.
// The composition of the service is in PiStatHost; the commands in Cli/PiStatCommandLine.
return await PiStatCommandLine.InvokeAsync(args);
