using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;

namespace MonitorWorker.Persistence;

/// <summary>
/// An append-only file of framed records, the form everything the agent keeps on disk takes. The file starts with
/// the 8 bytes <c>PISTSEG1</c>; each record is its payload length (u32, little-endian), the CRC-32 of the rest of the
/// record (u32), a type byte, a time (i64 Unix seconds) and the payload. A record is appended and the file synced
/// (<c>fsync</c>) before a write counts as done, so a power cut leaves every record before the one being written
/// whole: the torn record at the end is recognised by its length or its CRC and cut off by the next writer.
/// </summary>
/// <remarks>
/// What counts as damage rather than a torn tail: a wrong file header, or a bad record followed by anything but
/// zeros (a filesystem that extended the file before its data reached the disk leaves zeros). Such a file is moved
/// aside by <see cref="MoveAside"/>, never read as if it were whole.
/// </remarks>
internal static class SegmentFile
{
    /// <summary>The bytes of the record frame before the payload.</summary>
    public const int FrameSize = 17;

    /// <summary>The largest payload a record may hold; a longer length field is damage.</summary>
    public const int MaxPayload = 4 << 20;

    private static ReadOnlySpan<byte> Magic => "PISTSEG1"u8;

    /// <summary>Gets the length of the file header.</summary>
    public static int HeaderSize => Magic.Length;

    /// <summary>Reads each whole record in order, stopping where the file stops being whole.</summary>
    /// <param name="path">The file.</param>
    /// <param name="visit">Called with each record's type, time and payload (valid only during the call).</param>
    /// <returns>How the file ended and the length of its whole part.</returns>
    public static ScanResult Scan(string path, RecordVisitor visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        return Scan(file, visit);
    }

    /// <inheritdoc cref="Scan(string, RecordVisitor)"/>
    public static ScanResult Scan(Stream file, RecordVisitor visit)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(visit);
        long length = file.Length;
        if (length == 0)
        {
            return new ScanResult(ScanEnd.Empty, 0, null);
        }

        var reader = new BufferedStream(file, 64 * 1024);
        Span<byte> header = stackalloc byte[FrameSize];
        if (length < Magic.Length)
        {
            return new ScanResult(ScanEnd.TornTail, 0, "the file header was cut short");
        }

        reader.ReadExactly(header[..Magic.Length]);
        if (!header[..Magic.Length].SequenceEqual(Magic))
        {
            return new ScanResult(ScanEnd.Damaged, 0, "it does not start with the PISTSEG1 header");
        }

        long good = Magic.Length;
        byte[] payload = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (good < length)
            {
                if (length - good < FrameSize)
                {
                    return new ScanResult(ScanEnd.TornTail, good, "the last record's frame was cut short");
                }

                reader.ReadExactly(header);
                uint size = BinaryPrimitives.ReadUInt32LittleEndian(header);
                uint crc = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
                if (size > MaxPayload)
                {
                    return Tail(reader, good, length, $"a record claims {size} bytes");
                }

                if (good + FrameSize + size > length)
                {
                    return new ScanResult(ScanEnd.TornTail, good, "the last record was cut short");
                }

                if (payload.Length < size)
                {
                    ArrayPool<byte>.Shared.Return(payload);
                    payload = ArrayPool<byte>.Shared.Rent((int)size);
                }

                Span<byte> body = payload.AsSpan(0, (int)size);
                reader.ReadExactly(body);
                var hash = new Crc32();
                hash.Append(header[8..]);
                hash.Append(body);
                if (hash.GetCurrentHashAsUInt32() != crc)
                {
                    // The last record, ending where the file ends, was being written when the power went.
                    return good + FrameSize + size == length
                        ? new ScanResult(ScanEnd.TornTail, good, "the last record's checksum does not match")
                        : Tail(reader, good, length, "a record's checksum does not match");
                }

                good += FrameSize + size;
                if (!visit(header[8], BinaryPrimitives.ReadInt64LittleEndian(header[9..]), body))
                {
                    return new ScanResult(ScanEnd.Stopped, good, null);
                }
            }

            return new ScanResult(ScanEnd.Whole, good, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
        }
    }

    /// <summary>Writes one record's frame and payload into <paramref name="output"/>.</summary>
    public static void Frame(IBufferWriter<byte> output, byte type, long time, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<byte> frame = output.GetSpan(FrameSize + payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)payload.Length);
        frame[8] = type;
        BinaryPrimitives.WriteInt64LittleEndian(frame[9..], time);
        payload.CopyTo(frame[FrameSize..]);
        var hash = new Crc32();
        hash.Append(frame[8..(FrameSize + payload.Length)]);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[4..], hash.GetCurrentHashAsUInt32());
        output.Advance(FrameSize + payload.Length);
    }

    /// <summary>
    /// Appends framed records to the file, creating it with its header when missing, and syncs it to the disk. The
    /// caller has checked the file (<see cref="OpenForAppend"/>) in this run.
    /// </summary>
    public static void Append(string path, ReadOnlySpan<byte> records)
    {
        using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, 1);
        if (file.Length == 0)
        {
            file.Write(Magic);
        }

        file.Seek(0, SeekOrigin.End);
        file.Write(records);
        file.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Makes a file ready for <see cref="Append"/>: a torn tail is cut off (the records before it are kept); a damaged
    /// file is moved aside.
    /// </summary>
    /// <returns>How the file ended (<see cref="ScanEnd.Empty"/> when missing) and, when it was damaged, the name it was moved to.</returns>
    public static (ScanResult Result, string? MovedTo) OpenForAppend(string path, TimeProvider time)
    {
        if (!File.Exists(path))
        {
            return (new ScanResult(ScanEnd.Empty, 0, null), null);
        }

        ScanResult result;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 1))
        {
            result = Scan(file, static (_, _, _) => true);
            if (result.End == ScanEnd.TornTail)
            {
                file.SetLength(result.GoodLength < Magic.Length ? 0 : result.GoodLength);
                file.Flush(flushToDisk: true);
            }
        }

        return (result, result.End == ScanEnd.Damaged ? MoveAside(path, time) : null);
    }

    /// <summary>Renames a damaged file to <c>&lt;name&gt;.damaged-&lt;unix seconds&gt;</c> beside it, so nothing reads it again.</summary>
    /// <returns>The new name.</returns>
    public static string MoveAside(string path, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        string aside = $"{path}.damaged-{time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        File.Move(path, aside, overwrite: true);
        return aside;
    }

    /// <summary>
    /// A bad record before the last: a torn tail when nothing but zeros follows where it starts (a file extended
    /// before its data reached the disk), else damage.
    /// </summary>
    private static ScanResult Tail(Stream reader, long good, long length, string reason)
    {
        reader.Seek(good, SeekOrigin.Begin);
        Span<byte> chunk = stackalloc byte[4096];
        int read;
        bool zeros = true;
        while (zeros && (read = reader.Read(chunk)) > 0)
        {
            zeros = !chunk[..read].ContainsAnyExcept((byte)0);
        }

        return zeros ? new ScanResult(ScanEnd.TornTail, good, reason) : new ScanResult(ScanEnd.Damaged, good, $"{reason} at byte {good} of {length}");
    }
}

/// <summary>Called with each whole record; returns false to stop reading.</summary>
internal delegate bool RecordVisitor(byte type, long time, ReadOnlySpan<byte> payload);

/// <summary>How a scan ended.</summary>
internal enum ScanEnd
{
    /// <summary>The file is empty.</summary>
    Empty,

    /// <summary>Every record is whole.</summary>
    Whole,

    /// <summary>The visitor asked to stop.</summary>
    Stopped,

    /// <summary>The last write was cut short; the records before it are whole.</summary>
    TornTail,

    /// <summary>The file is damaged: not to be read or appended to.</summary>
    Damaged,
}

/// <summary>The end of a scan: how it ended, the length of the whole part, and why when it is not whole.</summary>
internal readonly record struct ScanResult(ScanEnd End, long GoodLength, string? Reason);
