using HardwareProbes.Identity;

namespace HardwareProbes.Tests.Identity;

[TestClass]
public sealed class TegraReleaseTests
{
    [TestMethod]
    [DataRow("jetson_release__agx_orin__jp7.2_r39.2.0__12h_date.txt", "39.2.0", "generic", "Mon Jun 1 09:28:48 PM UTC 2026", null)]
    [DataRow("jetson_release__agx_thor__r38.4.0__kernel_variant_oot.txt", "38.4.0", "generic", "Wed Dec 31 00:15:19 UTC 2025", "oot")]
    [DataRow("jetson_release__clara_agx__r34.1.2__jtop_errorlog.txt", "34.1.2", "t186ref", "Thu Dec 8 18:51:28 UTC 2022", null)]
    [DataRow("jetson_release__orin_nano_8gb__jp5.1.1_r35.3.1__jtop_errorlog.txt", "35.3.1", "t186ref", "Sun Mar 19 15:19:21 UTC 2023", null)]
    [DataRow("jetson_release__orin_nano_super__r36.4.7__with_model.txt", "36.4.7", "generic", "Thu Sep 18 22:54:44 UTC 2025", "oot")]
    [DataRow("jetson_release__r36.4.3__jp6.2__full_4_lines.txt", "36.4.3", "generic", "Wed Jan 8 01:49:37 UTC 2025", "oot")]
    [DataRow("jetson_release__xavier_nx__jp5.1.1_r35.3.1__jtop_errorlog.txt", "35.3.1", "t186ref", "Sun Mar 19 15:19:21 UTC 2023", null)]
    [DataRow("jetson_release__xavier_nx__r32.5.1.txt", "32.5.1", "t186ref", "Fri Feb 19 16:50:29 UTC 2021", null)]
    public void Parse_RealCapture_ReadsVersionBoardAndDate(string capture, string version, string board, string date, string? kernelVariant)
    {
        TegraRelease release = TegraRelease.Parse(Fixtures.Capture(capture));

        Assert.AreEqual(version, release.Version);
        Assert.AreEqual(board, release.Board);
        Assert.AreEqual(date, release.Date);
        Assert.AreEqual(kernelVariant, release.KernelVariant);
    }

    [TestMethod]
    public void Parse_NoReleaseLine_Fails()
    {
        var error = Assert.ThrowsExactly<FormatException>(() => TegraRelease.Parse("TARGET_USERSPACE_LIB_DIR=nvidia\n"));

        StringAssert.Contains(error.Message, "no '# R<n> (release)");
    }

    [TestMethod]
    public void Parse_ReleaseWithoutRevision_NamesTheLine()
    {
        var error = Assert.ThrowsExactly<FormatException>(() => TegraRelease.Parse("# R32 (release), GCID: 1\n"));

        StringAssert.Contains(error.Message, "no REVISION field");
    }
}
