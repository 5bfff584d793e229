namespace HardwareProbes.Ups;

/// <summary>
/// A UPS as its NUT server reports it (<c>LIST VAR</c>): status flags, battery, load and input. A figure outside its
/// physical range (a charge over 100 %, a negative runtime) is null and named in <see cref="Problems"/>.
/// </summary>
/// <param name="Name">The UPS's name on the server.</param>
/// <param name="Status">The <c>ups.status</c> flags (<c>OL</c>, <c>OB</c>, <c>LB</c>, <c>CHRG</c>, …), in the server's order.</param>
/// <param name="ChargePercent">Battery charge (<c>battery.charge</c>), 0 to 100 %.</param>
/// <param name="RuntimeSeconds">Runtime left on battery (<c>battery.runtime</c>), in seconds.</param>
/// <param name="LoadPercent">Load (<c>ups.load</c>), percent of the rated power, 0 to 200 %.</param>
/// <param name="InputVolts">Input voltage (<c>input.voltage</c>), 0 to 500 V.</param>
/// <param name="BatteryVolts">Battery voltage (<c>battery.voltage</c>), 0 to 500 V.</param>
/// <param name="Model">Manufacturer and model (<c>device.mfr</c>, <c>device.model</c>, else <c>ups.mfr</c>, <c>ups.model</c>).</param>
public sealed record UpsReading(
    string Name,
    IReadOnlyList<string> Status,
    double? ChargePercent,
    double? RuntimeSeconds,
    double? LoadPercent,
    double? InputVolts,
    double? BatteryVolts,
    string? Model)
{
    /// <summary>Gets whether the UPS runs on its battery (<c>OB</c>).</summary>
    public bool OnBattery => Status.Contains("OB");

    /// <summary>Gets whether its battery is low (<c>LB</c>): the point where a NUT client shuts its host down.</summary>
    public bool LowBattery => Status.Contains("LB");

    /// <summary>Gets whether it is on line power (<c>OL</c>).</summary>
    public bool Online => Status.Contains("OL");

    /// <summary>Gets each figure the server gave outside its range, with its value.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        Printing.Member(builder, nameof(Name), Name, first: true);
        Printing.List(builder, nameof(Status), Status);
        Printing.Member(builder, nameof(ChargePercent), ChargePercent);
        Printing.Member(builder, nameof(RuntimeSeconds), RuntimeSeconds);
        Printing.Member(builder, nameof(LoadPercent), LoadPercent);
        Printing.Member(builder, nameof(InputVolts), InputVolts);
        Printing.Member(builder, nameof(BatteryVolts), BatteryVolts);
        Printing.Member(builder, nameof(Model), Model);
        Printing.List(builder, nameof(Problems), Problems);
        return true;
    }
}
