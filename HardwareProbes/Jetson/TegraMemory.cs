namespace HardwareProbes.Jetson;

/// <summary>A memory field: <c>RAM 6185/7620MB (lfb 8x2MB)</c>, <c>SWAP 851/3810MB (cached 1MB)</c>, <c>IRAM 0/252kB(lfb 252kB)</c>.</summary>
/// <param name="UsedKilobytes">Used, in kB.</param>
/// <param name="TotalKilobytes">Total, in kB.</param>
/// <param name="CachedKilobytes">SWAP's cached amount, in kB; null elsewhere.</param>
/// <param name="LargestFreeBlockKilobytes">The size of the largest free block (lfb), in kB; null when not printed.</param>
/// <param name="LargestFreeBlockCount">How many blocks of that size are free; null when not printed.</param>
public sealed record TegraMemory(long UsedKilobytes, long TotalKilobytes, long? CachedKilobytes, long? LargestFreeBlockKilobytes, int? LargestFreeBlockCount);
