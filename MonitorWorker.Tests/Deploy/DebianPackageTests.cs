using System.Diagnostics;

namespace MonitorWorker.Tests.Deploy;

/// <summary>
/// deploy/debian/build-deb.sh: the packages it builds from the Native AOT publish, what lintian says of them, and an
/// install, removal and purge on this machine that leave the file system as it was.
/// </summary>
[TestClass]
public sealed class DebianPackageTests
{
    private static IEnumerable<string> DocumentationPages()
        => Directory.GetFiles(Path.Combine(Paths.Root, "docs"), "*.md").Select(page => $"/usr/share/doc/pi-stat/docs/{Path.GetFileName(page)}.gz");

    /// <summary>The files every package installs, whatever the documentation holds.</summary>
    private static readonly string[] Fixed =
    [
        "/etc/pi-stat",
        "/etc/pi-stat/pi-stat.env",
        "/etc/systemd/system/multi-user.target.wants/pi-stat.service",
        "/usr/bin/pi-stat",
        "/usr/lib/systemd/system/pi-stat.service",
        "/usr/share/doc/pi-stat",
        "/usr/share/doc/pi-stat/README.md.gz",
        "/usr/share/doc/pi-stat/changelog.gz",
        "/usr/share/doc/pi-stat/copyright",
        "/usr/share/doc/pi-stat/docs",
        "/usr/share/lintian/overrides/pi-stat",
        "/usr/share/man/man1/pi-stat.1.gz",
        "/var/lib/systemd/deb-systemd-helper-enabled/multi-user.target.wants/pi-stat.service",
        "/var/lib/systemd/deb-systemd-helper-enabled/pi-stat.service.dsh-also",
    ];

    /// <summary>What installing the package adds: the files above, and each page of docs/ beside README (after them: static fields start in order).</summary>
    private static readonly string[] Installed = [.. Fixed.Concat(DocumentationPages()).Order(StringComparer.Ordinal)];

    private static string _folder = "";
    private static readonly Dictionary<string, string> Packages = [];

    private static readonly string Version = File.ReadAllLines(Path.Combine(Paths.Root, "Directory.Build.props"))
        .Select(l => l.Trim()).First(l => l.StartsWith("<Version>", StringComparison.Ordinal))["<Version>".Length..^"</Version>".Length];

    /// <summary>
    /// Whether the arm64 package can be linked here: the cross compiler and objcopy, and the arm64 C library's startup
    /// objects and link libraries (another package, which the compiler's only recommends). CI installs both, and there the
    /// arm64 package is built whether or not they are found, so a missing one fails instead of being skipped.
    /// </summary>
    private static bool HasCrossToolchain
        => Environment.GetEnvironmentVariable("CI") == "true"
        || (ExternalTool.Run("sh", null, "-c", "command -v aarch64-linux-gnu-gcc && command -v aarch64-linux-gnu-objcopy").ExitCode == 0
            && new[] { "Scrt1.o", "crti.o", "crtn.o", "libc.so", "libdl.a" }.All(f => File.Exists(Path.Combine("/usr/aarch64-linux-gnu/lib", f))));

    [ClassInitialize]
    public static void BuildThePackages(TestContext context)
    {
        _ = context;
        _folder = Directory.CreateTempSubdirectory("pistat-deb-").FullName;
        string[] arches = HasCrossToolchain ? ["amd64", "arm64"] : ["amd64"];
        ProcessStartInfo start = ExternalTool.StartInfo(Path.Combine(Paths.Root, "deploy", "debian", "build-deb.sh"), arches);
        start.Environment["OUT"] = Path.Combine(_folder, "dist");
        start.Environment["ARTIFACTS"] = Path.Combine(_folder, "artifacts");
        using Process build = Process.Start(start)!;
        build.StandardInput.Close();
        Task<string> output = build.StandardOutput.ReadToEndAsync();
        Task<string> error = build.StandardError.ReadToEndAsync();
        Assert.IsTrue(build.WaitForExit(1_200_000), "build-deb.sh did not finish in 20 minutes");
        Assert.AreEqual(0, build.ExitCode, output.Result + error.Result);
        foreach (string arch in arches)
        {
            string deb = Path.Combine(_folder, "dist", $"pi-stat_{Version}_{arch}.deb");
            Assert.IsTrue(File.Exists(deb), $"no {deb}: {output.Result}");
            Packages[arch] = deb;
        }
    }

    [ClassCleanup]
    public static void DeleteThem()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [TestMethod]
    public void EachPackage_HoldsTheBinaryForItsArchitecture_TheUnitAndTheSettingsAsAConffile()
    {
        foreach ((string arch, string deb) in Packages)
        {
            (int exitCode, string control) = ExternalTool.Run("dpkg-deb", null, "--field", deb, "Package", "Version", "Architecture", "Depends");
            Assert.AreEqual(0, exitCode, control);
            Assert.AreEqual($"Package: pi-stat\nVersion: {Version}\nArchitecture: {arch}\nDepends: libc6 (>= 2.34), libsqlite3-0 (>= 3.31)\n", control);

            (_, string contents) = ExternalTool.Run("dpkg-deb", null, "--contents", deb);
            string[] lines = contents.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            string Line(string path) => lines.Single(l => l.EndsWith(" ./" + path, StringComparison.Ordinal));
            StringAssert.StartsWith(Line("usr/bin/pi-stat"), "-rwxr-xr-x root/root");
            StringAssert.StartsWith(Line("etc/pi-stat/pi-stat.env"), "-rw------- root/root", "the settings may hold the API key");
            StringAssert.StartsWith(Line("lib/systemd/system/pi-stat.service"), "-rw-r--r-- root/root");
            string[] folders = [.. lines.Where(l => l.StartsWith('d'))];
            Assert.IsTrue(folders.Any(l => l.EndsWith(" ./", StringComparison.Ordinal)), contents);
            Assert.IsTrue(folders.All(l => l.StartsWith("drwxr-xr-x root/root", StringComparison.Ordinal)), "every folder 0755: " + contents);
            Assert.HasCount(23 + 1 + DocumentationPages().Count(), lines, contents); // and docs/ with its pages

            string unpacked = Path.Combine(_folder, "unpacked-" + arch);
            Assert.AreEqual(0, ExternalTool.Run("dpkg-deb", null, "--raw-extract", deb, unpacked).ExitCode);
            Assert.AreEqual("/etc/pi-stat/pi-stat.env\n", File.ReadAllText(Path.Combine(unpacked, "DEBIAN", "conffiles")));
            string unit = File.ReadAllText(Path.Combine(unpacked, "lib", "systemd", "system", "pi-stat.service"));
            StringAssert.Contains(unit, "\nExecStart=/usr/bin/pi-stat run\n");
            Assert.DoesNotContain("/opt/pi-stat", unit);
            Assert.DoesNotContain("WorkingDirectory=", unit);
            StringAssert.Contains(unit, "\nEnvironmentFile=-/etc/pi-stat/pi-stat.env\n");

            (_, string file) = ExternalTool.Run("file", null, "-b", Path.Combine(unpacked, "usr", "bin", "pi-stat"));
            StringAssert.Contains(file, arch == "amd64" ? "x86-64" : "ARM aarch64");
        }
    }

    [TestMethod]
    [DataRow("raspberry-pi-4")]
    [DataRow("jetson-orin-nano")]
    public async Task ThePackagedBinary_ServesADemoBoardThatMoves_FromAnEmptyFolder_AndRemovesItsCopy(string board)
    {
        // The binary as installed, away from the repository: the boards come out of the binary itself.
        string unpacked = Path.Combine(_folder, $"demo-{board}");
        Assert.AreEqual(0, ExternalTool.Run("dpkg-deb", null, "--extract", Packages["amd64"], unpacked).ExitCode);
        string empty = Directory.CreateTempSubdirectory("pistat-empty-").FullName;
        try
        {
            int pid;
            await using (WorkerProcess worker = WorkerProcess.Start(Path.Combine(unpacked, "usr", "bin", "pi-stat"), empty,
                new Dictionary<string, string> { ["PISTAT_SAMPLE_SECONDS"] = "0.2" }, "demo", board))
            {
                pid = worker.Id;
                var usage = new HashSet<double>();
                System.Text.Json.JsonElement stats = default;
                await worker.WaitForBodyAsync("stats", body =>
                {
                    stats = Json.Parse(body);
                    if (stats.Number("cpu_usage") is double u)
                    {
                        usage.Add(u);
                    }

                    return usage.Count >= 3;
                });

                Assert.AreEqual(board, stats.Text("demo"));
                Assert.IsEmpty(Directory.GetFileSystemEntries(empty), "nothing is written to the working directory");
                if (board == "jetson-orin-nano")
                {
                    (_, string status) = await worker.WaitForBodyAsync("api/status", b => Json.Parse(b).Number("gpu.freq_mhz") is not null);
                    Assert.AreEqual(621.0, Json.Parse(status).Number("gpu.freq_mhz"), "the tegrastats replay written out of the binary runs");
                }
                else
                {
                    Assert.IsNotNull(stats.Number("power.core_voltage"), "the vcgencmd fake written out of the binary answers: " + stats.GetRawText());
                }

                Assert.HasCount(1, Directory.GetDirectories(Path.GetTempPath(), $"pi-stat-demo-{pid}-*"));
            }

            Assert.IsEmpty(Directory.GetDirectories(Path.GetTempPath(), $"pi-stat-demo-{pid}-*"), "stopped with SIGTERM, it removed its copy");
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [TestMethod]
    public void ThePackagedBinary_NamesTheBoardsItCarries_ForAnUnknownOne()
    {
        string unpacked = Path.Combine(_folder, "demo-unknown");
        Assert.AreEqual(0, ExternalTool.Run("dpkg-deb", null, "--extract", Packages["amd64"], unpacked).ExitCode);
        // From an empty folder outside the repository: only the binary's own boards are there to name.
        string empty = Directory.CreateTempSubdirectory("pistat-empty-").FullName;
        int code;
        string output;
        try
        {
            (code, output) = ExternalTool.Run("sh", null, "-c", $"cd '{empty}' && exec '{Path.Combine(unpacked, "usr", "bin", "pi-stat")}' demo commodore-64 2>&1");
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }

        Assert.AreEqual(2, code, output);
        StringAssert.Contains(output, "boards: jetson-nano, jetson-orin-nano, raspberry-pi-4, raspberry-pi-5, x86-server");
    }

    [TestMethod]
    public void Lintian_ReportsNoErrorOrWarning_BeyondTheTwoExplainedOverrides()
    {
        foreach (string deb in Packages.Values)
        {
            // Lintian's exit code counts an overridden error as an error when the overrides are shown: judge it without.
            (int exitCode, string plain) = ExternalTool.Run("lintian", null, "--pedantic", "--display-info", deb);
            Assert.AreEqual(0, exitCode, plain);
            (_, string output) = ExternalTool.Run("lintian", null, "--pedantic", "--display-info", "--show-overrides", deb);
            string[] tags = [.. output.Split('\n').Where(l => l.Length > 2 && l[1] == ':' && l[0] != 'N')];
            Assert.IsEmpty(tags.Where(t => t[0] is 'E' or 'W' or 'P'), output);
            CollectionAssert.AreEquivalent(
                new[] { "O: pi-stat: embedded-library zlib [usr/bin/pi-stat]", "O: pi-stat: non-standard-file-perm 0600 != 0644 [etc/pi-stat/pi-stat.env]" },
                tags.Where(t => t[0] == 'O').ToArray(), output);

            // What is left are informational tags of the .NET runtime inside the binary (its strings' spellings, native
            // code built without _FORTIFY_SOURCE) and of shipping a systemd unit without an init.d script.
            Assert.IsTrue(tags.Where(t => t[0] == 'I').All(t => t.Contains("spelling-error-in-binary", StringComparison.Ordinal)
                || t.Contains("hardening-no-fortify-functions", StringComparison.Ordinal)
                || t.Contains("package-supports-alternative-init-but-no-init.d-script", StringComparison.Ordinal)), output);
        }
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public void InstallRemoveAndPurge_LeaveTheFileSystemAsItWas()
    {
        if (Environment.UserName != "root")
        {
            Assert.Inconclusive("dpkg -i needs root; CI runs as root");
        }

        Assert.AreNotEqual(0, ExternalTool.Run("dpkg-query", null, "--status", "pi-stat").ExitCode, "pi-stat is already installed on this machine");
        string deb = Packages["amd64"];
        string[] before = Snapshot();
        try
        {
            (int installed, string installOutput) = ExternalTool.Run("dpkg", null, "--install", deb);
            Assert.AreEqual(0, installed, installOutput);
            CollectionAssert.AreEqual(Installed, Snapshot().Except(before).ToArray(), "what dpkg -i added");
            (int ran, string version) = ExternalTool.Run("/usr/bin/pi-stat", null, "--version");
            Assert.AreEqual(0, ran, version);
            StringAssert.StartsWith(version, Version + "+");

            // Without systemd running (a container, this machine) the maintainer script enables the unit and starts nothing.
            Assert.IsFalse(Process.GetProcessesByName("pi-stat").Any(p => p.MainModule?.FileName == "/usr/bin/pi-stat"), "the service was started");
            (_, string score) = ExternalTool.Run("systemd-analyze", null, "security", "--offline=true", "/usr/lib/systemd/system/pi-stat.service");
            StringAssert.Contains(score, "Overall exposure level for pi-stat.service: 1.9 OK", score);

            (int removed, string removeOutput) = ExternalTool.Run("dpkg", null, "--remove", "pi-stat");
            Assert.AreEqual(0, removed, removeOutput);
            CollectionAssert.AreEqual(
                new[] { "/etc/pi-stat", "/etc/pi-stat/pi-stat.env", "/var/lib/systemd/deb-systemd-helper-enabled/pi-stat.service.dsh-also" },
                Snapshot().Except(before).ToArray(), "removal keeps the conffile and the enablement state, nothing else");

            (int purged, string purgeOutput) = ExternalTool.Run("dpkg", null, "--purge", "pi-stat");
            Assert.AreEqual(0, purged, purgeOutput);
            CollectionAssert.AreEqual(before, Snapshot(), "purge leaves the file system as before");
        }
        finally
        {
            ExternalTool.Run("dpkg", null, "--purge", "pi-stat");
        }
    }

    /// <summary>Every path under the folders a package touches, without dpkg's, apt's and man-db's own records.</summary>
    private static string[] Snapshot()
    {
        (int exitCode, string output) = ExternalTool.Run("sh", null, "-c",
            "find /usr /etc /var/lib /opt -xdev \\( -path /var/lib/dpkg -o -path /var/lib/apt -o -path /var/cache \\) -prune -o -print 2>/dev/null | LC_ALL=C sort");
        Assert.AreEqual(0, exitCode, output);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
