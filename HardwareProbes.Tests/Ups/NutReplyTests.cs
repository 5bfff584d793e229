using HardwareProbes.Ups;

namespace HardwareProbes.Tests.Ups;

[TestClass]
public sealed class NutReplyTests
{
    [TestMethod]
    public void ParseVariables_RealUpsdReply_ReadsEveryVariableUnquoted()
    {
        IReadOnlyDictionary<string, string> variables = NutReply.ParseVariables(Fixtures.Capture("nut__list_var__back_ups_es_700__upsd_2.8.0.txt"), "garage");

        Assert.AreEqual("Back-UPS ES 700", variables["device.model"]);
        Assert.AreEqual("OL OFF", variables["ups.status"]);
        Assert.AreEqual("not set", variables["battery.date"]);
        UpsReading reading = NutReply.ToReading("garage", variables);
        Assert.AreEqual(new UpsReading("garage", reading.Status, 100, 2565, 0, 220, 13.6, "APC Back-UPS ES 700") { Problems = reading.Problems }, reading);
        CollectionAssert.AreEqual(new[] { "OL", "OFF" }, reading.Status.ToArray());
        Assert.IsTrue(reading.Online);
        Assert.IsFalse(reading.OnBattery || reading.LowBattery);
        Assert.IsEmpty(reading.Problems);
    }

    [TestMethod]
    public void ParseVariables_ErrUnknownUps_SaysWhatItMeans()
    {
        var e = Assert.ThrowsExactly<FormatException>(() => NutReply.ParseVariables(Fixtures.Capture("nut__list_var__unknown_ups__upsd_2.8.0.txt"), "nosuch"));

        StringAssert.Contains(e.Message, "UNKNOWN-UPS (no UPS of that name on the server");
    }

    [TestMethod]
    [DataRow("BEGIN LIST VAR garage\nVAR garage ups.status \"OL\"\n", "ended before END")]
    [DataRow("VAR garage ups.status \"OL\"\nEND LIST VAR garage\n", "not the start")]
    [DataRow("BEGIN LIST VAR garage\nVAR other ups.status \"OL\"\nEND LIST VAR garage\n", "not a VAR line of garage")]
    [DataRow("BEGIN LIST VAR garage\nVAR garage ups.status OL\nEND LIST VAR garage\n", "no quoted value")]
    public void ParseVariables_OtherShapes_Throw(string reply, string message)
        => StringAssert.Contains(Assert.ThrowsExactly<FormatException>(() => NutReply.ParseVariables(reply, "garage")).Message, message);

    [TestMethod]
    public void ParseVariables_EscapedQuotes_AreUndone()
        => Assert.AreEqual("say \"hi\" \\ ok", NutReply.ParseVariables("BEGIN LIST VAR u\nVAR u ups.id \"say \\\"hi\\\" \\\\ ok\"\nEND LIST VAR u\n", "u")["ups.id"]);

    [TestMethod]
    public void ToReading_OnBatteryLowAndImpossibleFigures_AreReadAndNamed()
    {
        UpsReading reading = NutReply.ToReading("u", new Dictionary<string, string>
        {
            ["ups.status"] = "OB DISCHRG LB",
            ["battery.charge"] = "104",
            ["battery.runtime"] = "-5",
            ["ups.load"] = "abc",
            ["input.voltage"] = "0.0",
        });

        Assert.IsTrue(reading.OnBattery && reading.LowBattery && !reading.Online);
        Assert.IsNull(reading.ChargePercent);
        Assert.IsNull(reading.RuntimeSeconds);
        Assert.IsNull(reading.LoadPercent);
        Assert.AreEqual(0, reading.InputVolts, "no input voltage is what a UPS on battery reads");
        CollectionAssert.AreEqual(new[] { "battery.charge 104 is outside 0 to 100", "battery.runtime -5 is outside 0 to 2592000", "ups.load 'abc' is not a number" }, reading.Problems.ToArray());
    }
}
