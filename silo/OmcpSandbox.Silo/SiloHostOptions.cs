using System.Net;

namespace OmcpSandbox.Silo;

/// <summary>Network identity of this silo process, bound from the <c>Silo</c> configuration section.</summary>
public sealed class SiloHostOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Silo";

    /// <summary>Gets or sets the silo-to-silo port; default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Gets or sets the port clients such as the front end connect to; default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Gets or sets the silo name, unique in the cluster; default the machine name and the silo port.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the address other silos reach this one at; default loopback.</summary>
    public string AdvertisedAddress { get; set; } = IPAddress.Loopback.ToString();

    public string ResolveName() => string.IsNullOrWhiteSpace(Name) ? $"{Environment.MachineName}-{SiloPort}" : Name;
}
