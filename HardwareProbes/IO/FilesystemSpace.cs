namespace HardwareProbes.IO;

/// <summary>The three statvfs figures, in bytes: blocks, free blocks and blocks available to unprivileged users.</summary>
internal readonly record struct FilesystemSpace(long TotalBytes, long FreeBytes, long AvailableBytes);
