using HardwareProbes.RaspberryPi;
using HardwareProbes.Sensors;
using HardwareProbes.Snapshots;
using MonitorWorker.Events;

namespace MonitorWorker.Tests.Events;

/// <summary>The events of sensors that vanish and return, and of a Pi 5's EXT5V level, from snapshots in a row.</summary>
[TestClass]
public sealed class SensorAndSupplyEventTests
{
    private static readonly long Start = EventTestsClock.Midnight.ToUnixTimeSeconds();

    [TestMethod]
    public void ASensorGivingNoValueForTwoSamples_IsAnEvent_AndItsReturnAnother()
    {
        var log = new EventLog();
        var recorder = new EventRecorder(log, EventTestsClock.Midnight);
        double?[] humidity = [46.2, null, 46.4, null, null, null, 47.0];
        for (int i = 0; i < humidity.Length; i++)
        {
            recorder.Record(EventTests.Snapshot(i) with
            {
                Sensors =
                [
                    new SensorReading("sht3x", "temp1", SensorQuantity.Temperature, 22.9, "/sys/class/hwmon/hwmon3/temp1_input", null),
                    new SensorReading("sht3x", "humidity1", SensorQuantity.Humidity, humidity[i], "/sys/class/hwmon/hwmon3/humidity1_input", humidity[i] is null ? "/sys/class/hwmon/hwmon3/humidity1_input: not found" : null),
                ],
            });
        }

        string[] seen = [.. log.All().Where(e => e.Kind is EventKinds.SourceFailed or EventKinds.SourceRecovered).Select(e => $"{e.Time - Start} {e.Kind} {e.Subject}: {e.Message}")];
        CollectionAssert.AreEqual(
            new[]
            {
                "4 source_failed sensor:humidity:sht3x humidity1: Sensor sht3x humidity1 gives no value: /sys/class/hwmon/hwmon3/humidity1_input: not found",
                "6 source_recovered sensor:humidity:sht3x humidity1: Sensor sht3x humidity1 reads again",
            },
            seen,
            "one sample's blip (second 1) is no event");
    }

    [TestMethod]
    public void Ext5v_WarnsBelow480_IsCriticalBelow470_AndEndsAbove482()
    {
        var log = new EventLog();
        var recorder = new EventRecorder(log, EventTestsClock.Midnight);
        double[] volts = [5.07, 4.79, 4.78, 4.69, 4.75, 4.81, 4.83, 4.80, 4.799];
        for (int i = 0; i < volts.Length; i++)
        {
            var pmic = new PmicReading([new PmicRail("EXT5V", volts[i], null)]);
            recorder.Record(EventTests.Snapshot(i, throttle: 0) with
            {
                RaspberryPi = new RaspberryPiReading(new ThrottleState(0), false, null, null, null, null, null, null, null) { Pmic = pmic },
            });
        }

        string[] seen = [.. log.All().Where(e => e.Subject == "supply_voltage").Select(e => $"{e.Time - Start} {e.Severity}: {e.Message}")];
        CollectionAssert.AreEqual(
            new[]
            {
                "1 warning: Supply voltage low: EXT5V 4.790 V, below 4.80 V",
                "3 critical: Supply voltage low: EXT5V 4.690 V, below 4.70 V",
                "6 info: Supply voltage ended: EXT5V back to 4.830 V",
                "8 warning: Supply voltage low: EXT5V 4.799 V, below 4.80 V",
            },
            seen,
            "4.75 eases from critical without an event; 4.81 is inside the hysteresis; 4.80 is not below 4.80");
    }
}
