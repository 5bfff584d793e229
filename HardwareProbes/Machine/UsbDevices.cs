using HardwareProbes.IO;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Machine;

/// <summary>Counts the USB devices (root hubs included) listed in <c>/sys/bus/usb/devices</c>.</summary>
internal sealed class UsbDevices(ProbeFiles files)
{
    private readonly string _devices = $"{files.Sys}/bus/usb/devices";

    /// <summary>The count, or null with the reason when the folder cannot be listed.</summary>
    public int? Count(Dictionary<string, string> sources)
    {
        // Interfaces are named bus-port:config.interface; devices and root hubs have no colon.
        IReadOnlyList<string> entries = files.ListNames(_devices, "*", out string? failure);
        sources[SourceNames.Usb] = failure ?? HardwareSnapshot.Ok;
        if (failure is not null)
        {
            return null;
        }

        int count = 0;
        foreach (string entry in entries)
        {
            if (!entry.Contains(':', StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }
}
