using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace HardwareProbes.Windows;

/// <summary>The real Win32 calls behind <see cref="IWindowsApi"/>. Every method answers null off Windows or on failure.</summary>
internal sealed partial class Win32Api : IWindowsApi
{
    private const int SystemProcessorPerformanceInformation = 8;
    private const int ProcessorInformation = 11;

    public long TickCount64 => Environment.TickCount64;

    public IReadOnlyList<ProcessorTimes>? ProcessorTimes()
    {
        if (!OperatingSystem.IsWindows())
        {
            return null;
        }

        int count = Environment.ProcessorCount;
        var buffer = new SystemProcessorPerformance[count];
        int size = Marshal.SizeOf<SystemProcessorPerformance>() * count;
        if (NtQuerySystemInformation(SystemProcessorPerformanceInformation, buffer, size, out _) != 0)
        {
            return null;
        }

        return [.. buffer.Select(p => new ProcessorTimes(p.IdleTime, p.KernelTime, p.UserTime, p.DpcTime, p.InterruptTime))];
    }

    public MemoryStatus? MemoryStatus()
    {
        if (!OperatingSystem.IsWindows())
        {
            return null;
        }

        var status = new MemoryStatusEx { Length = (uint)Marshal.SizeOf<MemoryStatusEx>() };
        return GlobalMemoryStatusEx(ref status)
            ? new MemoryStatus(status.TotalPhys, status.AvailPhys, status.TotalPageFile, status.AvailPageFile)
            : null;
    }

    public IReadOnlyList<(double CurrentMhz, double MaxMhz)>? ProcessorFrequencies()
    {
        if (!OperatingSystem.IsWindows())
        {
            return null;
        }

        var info = new ProcessorPowerInformation[Environment.ProcessorCount];
        int size = Marshal.SizeOf<ProcessorPowerInformation>() * info.Length;
        return CallNtPowerInformation(ProcessorInformation, IntPtr.Zero, 0, info, size) == 0
            ? [.. info.Select(p => ((double)p.CurrentMhz, (double)p.MaxMhz))]
            : null;
    }

    public string? ProcessorName() => OperatingSystem.IsWindows() ? Registry(@"HARDWARE\DESCRIPTION\System\CentralProcessor\0", "ProcessorNameString")?.Trim() : null;

    public string? SystemModel()
    {
        if (!OperatingSystem.IsWindows())
        {
            return null;
        }

        string? maker = Registry(@"HARDWARE\DESCRIPTION\System\BIOS", "SystemManufacturer");
        string? product = Registry(@"HARDWARE\DESCRIPTION\System\BIOS", "SystemProductName");
        return string.Join(' ', new[] { maker, product }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } model ? model : null;
    }

    [SupportedOSPlatform("windows")]
    private static string? Registry(string key, string value)
    {
        using Microsoft.Win32.RegistryKey? opened = Microsoft.Win32.Registry.LocalMachine.OpenSubKey(key);
        return opened?.GetValue(value) as string;
    }

    [LibraryImport("ntdll.dll")]
    private static partial int NtQuerySystemInformation(int informationClass, [Out] SystemProcessorPerformance[] information, int length, out int returnLength);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GlobalMemoryStatusEx(ref MemoryStatusEx buffer);

    [LibraryImport("powrprof.dll")]
    private static partial int CallNtPowerInformation(int level, IntPtr input, int inputLength, [Out] ProcessorPowerInformation[] output, int outputLength);

    [StructLayout(LayoutKind.Sequential)]
    private struct SystemProcessorPerformance
    {
        public long IdleTime;
        public long KernelTime;
        public long UserTime;
        public long DpcTime;
        public long InterruptTime;
        public uint InterruptCount;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MemoryStatusEx
    {
        public uint Length;
        public uint MemoryLoad;
        public ulong TotalPhys;
        public ulong AvailPhys;
        public ulong TotalPageFile;
        public ulong AvailPageFile;
        public ulong TotalVirtual;
        public ulong AvailVirtual;
        public ulong AvailExtendedVirtual;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ProcessorPowerInformation
    {
        public uint Number;
        public uint MaxMhz;
        public uint CurrentMhz;
        public uint MhzLimit;
        public uint MaxIdleState;
        public uint CurrentIdleState;
    }
}
