using System.Buffers;
using Microsoft.Extensions.Time.Testing;
using MonitorWorker.Persistence;

namespace MonitorWorker.Tests.History;

[TestClass]
public sealed class SegmentFileTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));

    private static byte[] Records(params (byte Type, long Time, string Text)[] records)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach ((byte type, long time, string text) in records)
        {
            SegmentFile.Frame(output, type, time, System.Text.Encoding.UTF8.GetBytes(text));
        }

        return output.WrittenSpan.ToArray();
    }

    private static List<(byte Type, long Time, string Text)> Read(string path, out ScanResult result)
    {
        var read = new List<(byte, long, string)>();
        result = SegmentFile.Scan(path, (type, time, payload) =>
        {
            read.Add((type, time, System.Text.Encoding.UTF8.GetString(payload)));
            return true;
        });
        return read;
    }

    [TestMethod]
    public void RecordsAppendedInTwoWrites_ReadBackInOrder()
    {
        string path = Path.GetTempFileName();
        File.Delete(path);
        try
        {
            SegmentFile.Append(path, Records((1, 100, "one"), (2, 101, "two")));
            SegmentFile.Append(path, Records((2, 102, string.Empty)));

            List<(byte Type, long Time, string Text)> read = Read(path, out ScanResult result);

            Assert.AreEqual(ScanEnd.Whole, result.End);
            Assert.AreEqual(new FileInfo(path).Length, result.GoodLength);
            CollectionAssert.AreEqual(new[] { ((byte)1, 100L, "one"), ((byte)2, 101L, "two"), ((byte)2, 102L, string.Empty) }, read);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void ALastWriteCutShortAtAnyByte_IsATornTail_CutOffByTheNextWriter_AndTheRecordsBeforeItStay()
    {
        byte[] whole = Records((1, 100, "kept"));
        byte[] last = Records((2, 200, "being written when the power went"));
        string path = Path.GetTempFileName();
        try
        {
            for (int cut = 0; cut < last.Length; cut++)
            {
                File.WriteAllBytes(path, [.. "PISTSEG1"u8.ToArray(), .. whole, .. last[..cut]]);

                List<(byte Type, long Time, string Text)> read = Read(path, out ScanResult result);
                Assert.AreEqual(cut == 0 ? ScanEnd.Whole : ScanEnd.TornTail, result.End, $"cut at {cut}");
                Assert.AreEqual(8 + whole.Length, result.GoodLength);
                Assert.HasCount(1, read);

                (ScanResult opened, string? movedTo) = SegmentFile.OpenForAppend(path, Time);
                Assert.IsNull(movedTo, "a torn tail is not damage");
                Assert.AreEqual(cut == 0 ? ScanEnd.Whole : ScanEnd.TornTail, opened.End);
                SegmentFile.Append(path, Records((2, 300, "after")));
                CollectionAssert.AreEqual(new[] { ((byte)1, 100L, "kept"), ((byte)2, 300L, "after") }, Read(path, out result), $"cut at {cut}");
                Assert.AreEqual(ScanEnd.Whole, result.End);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    [DataRow("a flipped byte in the last record", true)]
    [DataRow("zeros where the last write's data never arrived", true)]
    [DataRow("a flipped byte in a record before the last", false)]
    [DataRow("another header", false)]
    public void ABadRecord_IsATornTailOnlyAtTheEnd_ElseTheFileIsMovedAside(string damage, bool torn)
    {
        byte[] first = Records((1, 100, "first record"));
        byte[] second = Records((2, 200, "second record"));
        byte[] file = [.. "PISTSEG1"u8.ToArray(), .. first, .. second];
        switch (damage)
        {
            case "a flipped byte in the last record":
                file[^3] ^= 0x20;
                break;
            case "zeros where the last write's data never arrived":
                Array.Clear(file, 8 + first.Length, second.Length);
                file = [.. file, .. new byte[4096]];
                break;
            case "a flipped byte in a record before the last":
                file[8 + SegmentFile.FrameSize + 2] ^= 0x20;
                break;
            default:
                file[3] = (byte)'X';
                break;
        }

        string folder = Directory.CreateTempSubdirectory().FullName;
        string path = Path.Combine(folder, "minutes-2026-12-07.seg");
        try
        {
            File.WriteAllBytes(path, file);
            Read(path, out ScanResult result);
            Assert.AreEqual(torn ? ScanEnd.TornTail : ScanEnd.Damaged, result.End, damage);

            (ScanResult opened, string? movedTo) = SegmentFile.OpenForAppend(path, Time);

            if (torn)
            {
                Assert.IsNull(movedTo);
                Assert.HasCount(1, Read(path, out result));
                Assert.AreEqual(ScanEnd.Whole, result.End);
            }
            else
            {
                Assert.IsFalse(File.Exists(path));
                Assert.AreEqual(path + ".damaged-" + Time.GetUtcNow().ToUnixTimeSeconds(), movedTo);
                CollectionAssert.AreEqual(file, File.ReadAllBytes(movedTo!), "moved as it was, for a person to look at");
                StringAssert.Contains(opened.Reason, damage == "another header" ? "PISTSEG1" : "checksum");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
