using System.IO.Abstractions.TestingHelpers;
using HardwareProbes.IO;

namespace HardwareProbes.Tests.IO;

[TestClass]
public sealed class BoundedFileReaderTests
{
    private static BoundedFileReader Reader(MockFileSystem fs, int maxBytes = 4096) => new(fs, TimeSpan.FromSeconds(5), maxBytes);

    [TestMethod]
    public void Read_File_ReturnsItsText()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData> { ["/proc/loadavg"] = new("0.02 0.04 0.05 1/497 11947\n") });
        using BoundedFileReader reader = Reader(fs);

        ReadResult result = reader.Read("/proc/loadavg");

        Assert.IsNull(result.Failure);
        Assert.AreEqual("0.02 0.04 0.05 1/497 11947\n", result.Text.ToString());
    }

    [TestMethod]
    public void Read_FileLargerThanTheBuffer_IsReadWhole()
    {
        string big = new('x', 40_000);
        var fs = new MockFileSystem(new Dictionary<string, MockFileData> { ["/proc/stat"] = new(big) });
        using var reader = new BoundedFileReader(fs, TimeSpan.FromSeconds(5), 1024 * 1024);

        Assert.AreEqual(big, reader.Read("/proc/stat").Text.ToString());
    }

    [TestMethod]
    public void Read_MissingFile_SaysNotFound()
    {
        using BoundedFileReader reader = Reader(new MockFileSystem());

        Assert.AreEqual("/proc/meminfo: not found", reader.Read("/proc/meminfo").Failure);
    }

    [TestMethod]
    public void Read_FileThatAppearsAfterBeingMissing_IsReadOnceItExists()
    {
        var fs = new MockFileSystem();
        using BoundedFileReader reader = Reader(fs);
        Assert.AreEqual("/proc/net/wireless: not found", reader.Read("/proc/net/wireless").Failure);
        Assert.AreEqual("/proc/net/wireless: not found", reader.Read("/proc/net/wireless").Failure, "remembered as missing");

        fs.AddFile("/proc/net/wireless", new MockFileData("header\n"));

        Assert.AreEqual("header\n", reader.Read("/proc/net/wireless").Text.ToString());
    }

    [TestMethod]
    public void Read_FileOverTheSizeLimit_IsRefusedNotTruncated()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData> { ["/sys/huge"] = new(new string('1', 5000)) });
        using BoundedFileReader reader = Reader(fs, maxBytes: 4096);

        Assert.AreEqual("/sys/huge: larger than the 4096-byte read limit", reader.Read("/sys/huge").Failure);
    }

    [TestMethod]
    public void Read_FileExactlyAtTheLimit_IsRead()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData> { ["/sys/edge"] = new(new string('1', 4096)) });
        using BoundedFileReader reader = Reader(fs, maxBytes: 4096);

        Assert.AreEqual(4096, reader.Read("/sys/edge").Text.Length);
    }

    [TestMethod]
    public void Describe_PermissionDenied_SaysSo()
    {
        Assert.AreEqual("/sys/x: permission denied", BoundedFileReader.Describe("/sys/x", new UnauthorizedAccessException("Access to the path is denied.")));
    }

    [TestMethod]
    public void Describe_Eagain_SaysTemporarilyUnavailable()
    {
        // errno 11: a Jetson thermal zone whose sensor is asleep answers reads with EAGAIN.
        Assert.AreEqual("/sys/t: temporarily unavailable (EAGAIN)", BoundedFileReader.Describe("/sys/t", new IOException("Resource temporarily unavailable", 11)));
    }

    [TestMethod]
    public void Read_AfterDispose_DoesNotHang()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData> { ["/a"] = new("1") });
        var reader = Reader(fs);
        Assert.AreEqual("1", reader.Read("/a").Text.ToString());

        reader.Dispose();
    }
}
