using HardwareProbes.RunningProcesses;

namespace HardwareProbes.Tests.RunningProcesses;

[TestClass]
public sealed class UserNamesTests
{
    [TestMethod]
    public void Parse_PasswdFile_MapsUidsToNames()
    {
        Dictionary<int, string> names = UserNames.Parse(File.ReadAllText(Path.Combine(Fixtures.Root, "captures", "processes", "etc", "passwd")));

        Assert.AreEqual(3, names.Count);
        Assert.AreEqual("root", names[0]);
        Assert.AreEqual("prometheus", names[1000]);
    }

    [TestMethod]
    public void Parse_CommentsBrokenLinesAndDuplicates_KeepsTheFirstGoodEntry()
    {
        Dictionary<int, string> names = UserNames.Parse("# comment\n\nbroken\nnouid:x:\nbad:x:abc:1::/:/bin/sh\npi:x:1000:1000::/home/pi:/bin/bash\nalias:x:1000:1000::/:/bin/sh\n");

        Assert.AreEqual(1, names.Count);
        Assert.AreEqual("pi", names[1000]);
    }
}
