namespace HardwareProbes.Identity;

/// <summary>Static facts about the machine, read once and refreshed rarely.</summary>
/// <param name="Board">The board kind.</param>
/// <param name="Model">Device-tree model, cpuinfo Model, or DMI vendor and product name on PCs.</param>
/// <param name="Serial">Device-tree serial number or cpuinfo Serial.</param>
/// <param name="CpuModel">The processor's model name, where the kernel gives one.</param>
/// <param name="CpuInfo">The parsed cpuinfo, or null when it could not be read.</param>
/// <param name="TegraRelease">The L4T release on a Jetson, else null.</param>
/// <param name="UsbDevices">USB devices (root hubs included, as <c>lsusb</c> counts them), or null without sysfs USB.</param>
public sealed record DeviceIdentity(
    BoardKind Board,
    string? Model,
    string? Serial,
    string? CpuModel,
    CpuInfo? CpuInfo,
    TegraRelease? TegraRelease,
    int? UsbDevices);
