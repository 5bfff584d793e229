namespace HardwareProbes.Snapshots;

/// <summary>
/// The names under which <see cref="HardwareSnapshot.Sources"/> reports each source. They are stable across versions,
/// so they can be shown to users, stored, or used as metric labels (<see cref="Metrics.HardwareMetrics"/>'s
/// <c>hardware.source.up</c> uses them as its <c>source</c> label).
/// </summary>
public static class SourceNames
{
    /// <summary><c>/proc/stat</c> tick counters (Windows: processor times).</summary>
    public const string CpuTimes = "cpu_times";

    /// <summary>Why CPU usage is what it is (first reading, no ticks elapsed).</summary>
    public const string CpuUsage = "cpu_usage";

    /// <summary><c>/sys/devices/system/cpu/online</c>.</summary>
    public const string CpuOnline = "cpu_online";

    /// <summary><c>/sys/devices/system/cpu/present</c>.</summary>
    public const string CpuPresent = "cpu_present";

    /// <summary>cpufreq <c>scaling_cur_freq</c> (Windows: CallNtPowerInformation).</summary>
    public const string CpuFrequency = "cpufreq";

    /// <summary>cpufreq <c>cpuinfo_max_freq</c>.</summary>
    public const string CpuMaxFrequency = "cpufreq_max";

    /// <summary><c>/proc/cpuinfo</c> <c>cpu MHz</c>, read where cpufreq is absent.</summary>
    public const string CpuInfoFrequency = "cpuinfo_mhz";

    /// <summary><c>/proc/cpuinfo</c>.</summary>
    public const string CpuInfo = "cpuinfo";

    /// <summary>The board model (device tree, cpuinfo or DMI).</summary>
    public const string Model = "model";

    /// <summary>The serial number.</summary>
    public const string Serial = "serial";

    /// <summary><c>/etc/nv_tegra_release</c>.</summary>
    public const string TegraRelease = "tegra_release";

    /// <summary>The static facts as a whole, when reading them failed outright.</summary>
    public const string StaticFacts = "static_facts";

    /// <summary>The list of thermal zones.</summary>
    public const string Thermal = "thermal";

    /// <summary>The list of hwmon devices.</summary>
    public const string Hwmon = "hwmon";

    /// <summary>The CPU's temperature sensor; present only where such a sensor exists.</summary>
    public const string CpuTemperature = "cpu_temperature";

    /// <summary><c>/proc/meminfo</c> (Windows: GlobalMemoryStatusEx).</summary>
    public const string Memory = "memory";

    /// <summary>The swap reading derived from meminfo.</summary>
    public const string Swap = "swap";

    /// <summary><c>/proc/loadavg</c>.</summary>
    public const string LoadAverage = "loadavg";

    /// <summary><c>/proc/uptime</c>.</summary>
    public const string Uptime = "uptime";

    /// <summary><c>/proc/diskstats</c>.</summary>
    public const string DiskStats = "diskstats";

    /// <summary>The configured mount points as a whole.</summary>
    public const string Filesystems = "filesystems";

    /// <summary>Fans: hwmon <c>fanN_input</c> and <c>pwmN</c>, and a Jetson's pwm-fan device; no entry on a machine without fans.</summary>
    public const string Fans = "fans";

    /// <summary>Thermal cooling devices (<c>/sys/class/thermal/cooling_deviceN</c>); no entry on a machine without them.</summary>
    public const string CoolingDevices = "cooling_devices";

    /// <summary>Jetson power mode (<c>/var/lib/nvpmodel/status</c>); no entry where nvpmodel has not run.</summary>
    public const string PowerMode = "power_mode";

    /// <summary>Jetson over-current counters (hwmon <c>soctherm_oc</c>); no entry where the kernel has none.</summary>
    public const string OverCurrent = "over_current";

    /// <summary>eMMC wear (<c>/sys/block/mmcblkN/device/life_time</c>, <c>pre_eol_info</c>); no entry where no eMMC device reports it.</summary>
    public const string Emmc = "emmc";

    /// <summary><c>/proc/mounts</c>, read with the static facts: the device and filesystem type of each configured mount point.</summary>
    public const string Mounts = "mounts";

    /// <summary><c>/proc/net/dev</c> (Windows: the network interfaces).</summary>
    public const string NetDev = "net_dev";

    /// <summary><c>/proc/net/wireless</c>.</summary>
    public const string Wireless = "wireless";

    /// <summary><c>/proc/net/tcp</c> (Windows: the active TCP connections).</summary>
    public const string Tcp = "tcp";

    /// <summary><c>/proc/net/tcp6</c>.</summary>
    public const string Tcp6 = "tcp6";

    /// <summary><c>/sys/bus/usb/devices</c>.</summary>
    public const string Usb = "usb";

    /// <summary>Starting the board probes (vcgencmd, tegrastats).</summary>
    public const string BoardProbes = "board_probes";

    /// <summary>The Raspberry Pi probe as a whole.</summary>
    public const string RaspberryPi = "raspberry_pi";

    /// <summary>vcgencmd: found and allowed to talk to the firmware.</summary>
    public const string Vcgencmd = "vcgencmd";

    /// <summary><c>vcgencmd version</c>.</summary>
    public const string Firmware = "firmware";

    /// <summary><c>vcgencmd get_mem gpu</c>.</summary>
    public const string GpuMemory = "gpu_memory";

    /// <summary><c>vcgencmd get_config sdram_freq</c>.</summary>
    public const string SdramClock = "sdram_clock";

    /// <summary><c>vcgencmd measure_volts core</c>.</summary>
    public const string CoreVolts = "core_volts";

    /// <summary><c>vcgencmd measure_clock core</c>.</summary>
    public const string CoreClock = "core_clock";

    /// <summary><c>vcgencmd measure_clock v3d</c>.</summary>
    public const string V3dClock = "v3d_clock";

    /// <summary><c>vcgencmd measure_clock arm</c>, asked only without cpufreq.</summary>
    public const string ArmClock = "arm_clock";

    /// <summary>The get_throttled mask (sysfs or vcgencmd).</summary>
    public const string Throttled = "throttled";

    /// <summary>The Jetson probe as a whole.</summary>
    public const string Jetson = "jetson";

    /// <summary>The tegrastats child and the freshness of its newest line.</summary>
    public const string Tegrastats = "tegrastats";

    /// <summary>Values of the newest tegrastats line that were rejected as impossible.</summary>
    public const string TegrastatsValues = "tegrastats_values";

    /// <summary>The GPU load (tegrastats or sysfs).</summary>
    public const string GpuLoad = "gpu_load";

    /// <summary>The GPU frequency from devfreq.</summary>
    public const string GpuFrequency = "gpu_freq";

    /// <summary>The name of one mount point's usage: <c>disk:/</c>.</summary>
    /// <param name="mountPoint">The configured path.</param>
    /// <returns>The source name.</returns>
    public static string Disk(string mountPoint) => $"disk:{mountPoint}";

    /// <summary>The name of one temperature sensor: <c>temperature:thermal_zone0</c>, <c>temperature:hwmon2/temp1</c>.</summary>
    /// <param name="sensor">The sensor's source id.</param>
    /// <returns>The source name.</returns>
    public static string Temperature(string sensor) => $"temperature:{sensor}";

    /// <summary>A Raspberry Pi 5's <c>vcgencmd pmic_read_adc</c>; no entry on other models.</summary>
    public const string Pmic = "pmic";

    /// <summary>A Raspberry Pi 5's <c>/proc/device-tree/chosen/power/power_reset</c>; no entry where the bootloader writes none.</summary>
    public const string PowerReset = "power_reset";

    /// <summary>The UPS read through its NUT server (PISTAT_NUT_URL); no entry without one.</summary>
    public const string Ups = "ups";

    /// <summary>The IIO and hwmon sensor channels as a whole; no entry on a machine without sensor chips.</summary>
    public const string Sensors = "sensors";

    /// <summary>The source name of one sensor channel, by its quantity and key (<c>sensor:humidity:sht4x humidity1</c>); present only while it fails.</summary>
    /// <param name="quantity">What the sensor measures.</param>
    /// <param name="key">The sensor's <see cref="Sensors.SensorReading.Key"/>, unique within its quantity.</param>
    /// <returns>The source name.</returns>
    public static string Sensor(Sensors.SensorQuantity quantity, string key) => $"sensor:{HardwareProbes.Sensors.SensorUnits.NameOf(quantity)}:{key}";
}
