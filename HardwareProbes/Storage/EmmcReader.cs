using HardwareProbes.IO;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Storage;

/// <summary>Reads the wear figures of every eMMC device (SD cards have none); they change over months, so once per static refresh.</summary>
internal static class EmmcReader
{
    public static List<EmmcHealth> Read(ProbeFiles files, Dictionary<string, string> sources)
    {
        var devices = new List<EmmcHealth>();
        string block = $"{files.Sys}/block";
        foreach (string device in files.ListNames(block, "mmcblk*", out _))
        {
            string dir = $"{block}/{device}/device";
            if (!files.FileSystem.File.Exists($"{dir}/life_time") && !files.FileSystem.File.Exists($"{dir}/pre_eol_info"))
            {
                continue; // an SD card: no extended CSD, no wear figures
            }

            string? failure = null;
            (int? A, int? B) life = files.TryParse($"{dir}/life_time", static t => EmmcHealth.ParseLifeTime(t), out (int? A, int? B) parsed, out string? why) ? parsed : default;
            failure ??= why;
            int? preEol = files.TryParse($"{dir}/pre_eol_info", static t => EmmcHealth.ParsePreEol(t), out int? eol, out why) ? eol : null;
            failure ??= why;
            devices.Add(new EmmcHealth(device, life.A, life.B, preEol, failure));
        }

        if (devices.Count > 0)
        {
            sources[SourceNames.Emmc] = devices.Select(d => d.Failure).FirstOrDefault(f => f is not null) ?? HardwareSnapshot.Ok;
        }

        return devices;
    }
}
