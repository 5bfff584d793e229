using System.IO.Abstractions;
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

/// <summary>Which files the reader reads on the caller's thread.</summary>
[TestClass]
public sealed class InlineReadTests
{
    [TestMethod]
    public void AFileNamedInline_IsReadOnTheCallersThread_AndAnyOtherOnTheWorker()
    {
        // /proc/thread-self/comm is the name of the thread that reads it: the worker's is probe-reader.
        Assert.IsTrue(OperatingSystem.IsLinux(), "needs procfs");
        using var inline = new BoundedFileReader(new FileSystem(), TimeSpan.FromSeconds(30), 4096, readsInline: _ => true);
        using var handedOver = new BoundedFileReader(new FileSystem(), TimeSpan.FromSeconds(30), 4096, readsInline: _ => false);

        string byCaller = inline.Read("/proc/thread-self/comm").Text.ToString();
        string byWorker = handedOver.Read("/proc/thread-self/comm").Text.ToString();

        Assert.AreEqual("probe-reader\n", byWorker);
        Assert.AreNotEqual("probe-reader\n", byCaller);
        Assert.IsGreaterThan(1, byCaller.Length, "the caller's thread has a name too");
    }

    [TestMethod]
    public void AnInlineFileThatIsMissing_SaysSo_LikeAnyOther()
    {
        using var reader = new BoundedFileReader(new MockFileSystem(), TimeSpan.FromSeconds(30), 4096, readsInline: _ => true);

        Assert.AreEqual("/proc/pressure/cpu: not found", reader.Read("/proc/pressure/cpu").Failure);
        Assert.AreEqual("/proc/pressure/cpu: not found", reader.Read("/proc/pressure/cpu").Failure, "and again, from the remembered miss");
    }

    [TestMethod]
    [DataRow("/proc/stat", true)]
    [DataRow("/proc/net/dev", true)]
    [DataRow("/proc/pressure/cpu", true)]
    [DataRow("/proc/1234/stat", false)]
    [DataRow("/proc/self/mountinfo", false)]
    [DataRow("/proc/thread-self/stat", false)]
    [DataRow("/proc/driver/nvidia/gpus/0000:01:00.0/information", false)]
    [DataRow("/proc/acpi/wakeup", false)]
    [DataRow("/proc/device-tree/model", false)]
    [DataRow("/proc", false)]
    [DataRow("/proc/", false)]
    [DataRow("/procfs/stat", false)]
    [DataRow("/sys/class/thermal/thermal_zone0/temp", false)]
    public void KernelBookkeeping_IsProcfsGlobalFiles_NotAProcesssOrADriversFiles(string path, bool expected)
    {
        using var files = new ProbeFiles(new MockFileSystem(), new ProbeOptions { ProcPath = "/proc/", SysPath = "/sys", EtcPath = "/etc" });

        Assert.AreEqual(expected, files.IsKernelBookkeeping(path));
    }
}
