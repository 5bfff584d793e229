using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using HardwareProbes.Sensors;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Tests.Sensors;

[TestClass]
public sealed class SensorReaderTests
{
    [TestMethod]
    public void Collect_RaspberryPi5WithSensorChips_ReadsEveryChannelInItsUnit()
    {
        string root = Fixtures.CopyBoard("raspberry-pi-5");
        try
        {
            using var source = new LinuxSnapshotSource(new FileSystem(), Fixtures.OptionsWithCopiedToolsFor(root), TimeProvider.System);
            HardwareSnapshot s = source.Collect();

            string[] expected =
            [
                "bme280 humidity Humidity 48.126", "bme280 pressure Pressure 1007.16125", "bme280 temperature Temperature 23.45",
                "ads1015 voltage 0 Voltage 3.3", "ads1015 voltage 1 Voltage 1.236",
                "sht3x temp1 Temperature 22.875", "sht3x humidity1 Humidity 46.25",
                "ina219 shunt Voltage 0.012", "ina219 bus Voltage 5.08", "ina219 curr1 Current 1.2", "ina219 power1 Power 6.096",
                "ina3221 VDD_5V_NVME Voltage 5.012", "ina3221 VDD_3V3_HAT Voltage 3.296", "ina3221 VDD_5V_NVME Current 0.85", "ina3221 VDD_3V3_HAT Current 0.12",
                "ina3221 VDD_5V_NVME Power 4.2602", "ina3221 VDD_3V3_HAT Power 0.39552",
                "sht4x temp1 Temperature 21.5", "sht4x humidity1 Humidity null",
            ];
            CollectionAssert.AreEqual(expected, s.Sensors.Select(r => $"{r.Chip} {r.Label} {r.Quantity} {(r.Value is double v ? Math.Round(v, 6).ToString(System.Globalization.CultureInfo.InvariantCulture) : "null")}").ToArray());
            Assert.AreEqual("hPa", s.Sensors[1].Unit);
            Assert.AreEqual("°C", s.Sensors[2].Unit);
            Assert.IsTrue(s.Sensors.Single(r => r.Key == "ina3221 VDD_5V_NVME" && r.Quantity == SensorQuantity.Power).Derived, "the INA3221 has no power file: its power is computed");
            StringAssert.EndsWith(s.Sensors[2].Source, "iio_device0/in_temp_input");
            StringAssert.Contains(s.Sensors[^1].Failure, "104.2 % is outside the humidity range 0.1 to 100 %");
            StringAssert.Contains(s.Sources["sensor:humidity:sht4x humidity1"], "104.2 %");
            Assert.AreEqual(HardwareSnapshot.Ok, s.Sources["sensors"]);
            Assert.IsFalse(s.Sensors.Any(r => r.Label.Contains("in4", StringComparison.Ordinal) || r.Label == "in7" || r.Label == "VBAT_12V" || r.Label == "curr4"),
                "the INA3221's shunt voltages (µV), its summed current and its disabled channel are not read");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public void Read_RawCountsWithScaleAndOffset_AppliesTheAbiFormula()
    {
        var files = new Dictionary<string, string>
        {
            ["/sys/bus/iio/devices/iio:device3/name"] = "tmp007\n",
            ["/sys/bus/iio/devices/iio:device3/in_temp_raw"] = "1360\n",
            ["/sys/bus/iio/devices/iio:device3/in_temp_offset"] = "1500\n",
            ["/sys/bus/iio/devices/iio:device3/in_temp_scale"] = "8.750000\n",
            ["/sys/bus/iio/devices/iio:device4/name"] = "tsl2591\n",
            ["/sys/bus/iio/devices/iio:device4/in_illuminance_input"] = "312.500000\n",
            ["/sys/bus/iio/devices/iio:device4/in_illuminance_raw"] = "99\n",
            ["/sys/bus/iio/devices/iio:device5/name"] = "mystery\n",
            ["/sys/bus/iio/devices/iio:device5/in_voltage0_raw"] = "12\n", // no scale: not a reading
        };

        List<SensorReading> readings = Read(files);

        Assert.HasCount(2, readings);
        Assert.AreEqual("tmp007 temperature", readings[0].Key);
        Assert.AreEqual((1360 + 1500) * 8.75 / 1000, readings[0].Value!.Value, 1e-9);
        Assert.AreEqual(312.5, readings[1].Value, "the driver's _input wins over its _raw");
    }

    [TestMethod]
    public void Read_ImpossibleOrBrokenValues_AreNullWithTheirReasons()
    {
        var files = new Dictionary<string, string>
        {
            ["/sys/bus/iio/devices/iio:device0/name"] = "bmp280\n",
            ["/sys/bus/iio/devices/iio:device0/in_pressure_input"] = "0.000000000\n",
            ["/sys/bus/iio/devices/iio:device1/name"] = "bme680\n",
            ["/sys/bus/iio/devices/iio:device1/in_humidityrelative_input"] = "41.074000000\n", // percent, not the ABI's milli percent
            ["/sys/bus/iio/devices/iio:device1/in_pressure_input"] = "1014.350000000\n", // hPa, not the ABI's kPa
            ["/sys/bus/iio/devices/iio:device1/in_temp_input"] = "garbage\n",
        };

        List<SensorReading> readings = Read(files, out Dictionary<string, string> sources);

        Assert.IsTrue(readings.All(r => r.Value is null), string.Join("; ", readings.Select(r => r.Failure)));
        StringAssert.Contains(readings[0].Failure, "0 hPa is not a pressure");
        StringAssert.Contains(readings.Single(r => r.Key == "bme680 humidity").Failure, "0.041 % is outside the humidity range 0.1 to 100 %");
        StringAssert.Contains(readings.Single(r => r.Key == "bme680 pressure").Failure, "10143.5 hPa is not a pressure");
        StringAssert.Contains(readings.Single(r => r.Key == "bme680 temperature").Failure, "in_temp_input: 'garbage' is not a number");
        StringAssert.StartsWith(sources["sensors"], "no sensor could be read");
    }

    [TestMethod]
    public void Read_ASensorThatVanished_IsNullNamingItsFile()
    {
        var files = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/sys/class/hwmon/hwmon0/name"] = new("sht3x\n"),
            ["/sys/class/hwmon/hwmon0/temp1_input"] = new("22875\n"),
            ["/sys/class/hwmon/hwmon0/humidity1_input"] = new("46250\n"),
        });
        using var probeFiles = new HardwareProbes.IO.ProbeFiles(files, new ProbeOptions(), rememberMissing: false);
        List<SensorChannel> channels = SensorChannels.Discover(probeFiles, HwmonChip.Walk(probeFiles, out _));
        files.RemoveFile("/sys/class/hwmon/hwmon0/humidity1_input");

        var sources = new Dictionary<string, string>();
        List<SensorReading> readings = SensorReader.Read(probeFiles, channels, sources);

        Assert.AreEqual(22.875, readings[0].Value);
        Assert.IsNull(readings[1].Value);
        StringAssert.Contains(sources["sensor:humidity:sht3x humidity1"], "humidity1_input");
        Assert.AreEqual(HardwareSnapshot.Ok, sources["sensors"], "one of two channels still reads");
    }

    [TestMethod]
    public void Discover_AMachineWithoutSensorChips_FindsNothing()
    {
        var files = new Dictionary<string, string>
        {
            ["/sys/class/hwmon/hwmon0/name"] = "cpu_thermal\n",
            ["/sys/class/hwmon/hwmon0/temp1_input"] = "48000\n",
            ["/sys/class/hwmon/hwmon1/name"] = "rpi_volt\n",
            ["/sys/class/hwmon/hwmon1/in0_lcrit_alarm"] = "0\n",
        };

        Assert.IsEmpty(Read(files));
    }

    private static List<SensorReading> Read(Dictionary<string, string> tree) => Read(tree, out _);

    /// <summary>Writes the tree under a temporary root on the real filesystem (IIO's folder names hold a ':'), then reads it.</summary>
    private static List<SensorReading> Read(Dictionary<string, string> tree, out Dictionary<string, string> sources)
    {
        string root = Directory.CreateTempSubdirectory("pistat-sensors-").FullName;
        try
        {
            foreach ((string path, string text) in tree)
            {
                string file = root + path;
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, text);
            }

            using var probeFiles = new HardwareProbes.IO.ProbeFiles(new FileSystem(), new ProbeOptions { SysPath = root + "/sys" }, rememberMissing: false);
            List<SensorChannel> channels = SensorChannels.Discover(probeFiles, HwmonChip.Walk(probeFiles, out _));
            sources = [];
            return SensorReader.Read(probeFiles, channels, sources);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
