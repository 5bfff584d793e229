namespace HardwareProbes.Windows;

/// <summary>The Windows facts the source reads, behind one seam so the mapping is tested anywhere.</summary>
internal interface IWindowsApi
{
    /// <summary>Per-processor times in 100 ns units (NtQuerySystemInformation, SystemProcessorPerformanceInformation); null when unavailable.</summary>
    IReadOnlyList<ProcessorTimes>? ProcessorTimes();

    /// <summary>GlobalMemoryStatusEx; null when unavailable.</summary>
    MemoryStatus? MemoryStatus();

    /// <summary>Milliseconds since boot.</summary>
    long TickCount64 { get; }

    /// <summary>The processor's name (registry ProcessorNameString), or null.</summary>
    string? ProcessorName();

    /// <summary>The machine's maker and product (registry BIOS SystemManufacturer / SystemProductName), or null.</summary>
    string? SystemModel();

    /// <summary>Current and nominal maximum processor frequency in MHz (CallNtPowerInformation, ProcessorInformation), per processor; null when unavailable.</summary>
    IReadOnlyList<(double CurrentMhz, double MaxMhz)>? ProcessorFrequencies();
}

/// <summary>One processor's times, 100 ns units. Kernel time includes idle, DPC and interrupt time.</summary>
internal readonly record struct ProcessorTimes(long Idle, long Kernel, long User, long Dpc, long Interrupt);

/// <summary>GlobalMemoryStatusEx's figures in bytes; the page-file totals include physical memory.</summary>
internal readonly record struct MemoryStatus(ulong TotalPhysical, ulong AvailablePhysical, ulong TotalPageFile, ulong AvailablePageFile);
