namespace OmcpSandbox.Placement;

/// <summary>Timing of load publication for <see cref="ContainerLoadPlacement"/>, bound from the <c>Placement</c> section.</summary>
public sealed class ContainerLoadOptions
{
    /// <summary>Name of the configuration section.</summary>
    public const string SectionName = "Placement";

    /// <summary>
    /// Gets or sets the longest time between two load reports of a silo. A silo also reports on every change.
    /// Defaults to 1 second.
    /// </summary>
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets how long after a placement decision the target silo's reports are assumed not to include it
    /// yet, so the director keeps counting it. Covers the time from decision to the activation reserving its
    /// container, plus clock skew between silos. Defaults to 250 milliseconds.
    /// </summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Gets or sets how long the load board keeps a silo's last report; a silo that stops reporting drops out
    /// after this. Defaults to 5 seconds.
    /// </summary>
    public TimeSpan ReportExpiry { get; set; } = TimeSpan.FromSeconds(5);
}
