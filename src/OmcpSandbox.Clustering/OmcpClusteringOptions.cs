namespace OmcpSandbox.Clustering;

/// <summary>
/// Cluster membership and endpoint settings, bound from the <c>Orleans</c> section and then the <c>Clustering</c>
/// section, so a key in <c>Clustering</c> wins.
/// </summary>
public sealed class OmcpClusteringOptions
{
    /// <summary>Name of the configuration section with the clustering settings.</summary>
    public const string SectionName = "Clustering";

    /// <summary>Name of the configuration section that may also carry the endpoint settings.</summary>
    public const string OrleansSectionName = "Orleans";

    /// <summary>Gets or sets the membership provider. Defaults to <see cref="ClusteringProvider.Localhost"/>.</summary>
    public ClusteringProvider Provider { get; set; } = ClusteringProvider.Localhost;

    /// <summary>
    /// Gets or sets the Npgsql connection string of the membership and grain storage database. Required for
    /// <see cref="ClusteringProvider.AdoNet"/>. It may contain a password, so it is never logged.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the Orleans cluster id; silos and clients with the same id form one cluster.</summary>
    public string ClusterId { get; set; } = "omcp";

    /// <summary>Gets or sets the Orleans service id, which keys grain state and must stay the same across deployments.</summary>
    public string ServiceId { get; set; } = "omcp";

    /// <summary>Gets or sets the TCP port for silo-to-silo traffic. Each silo on one machine needs its own.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Gets or sets the TCP port clients connect to. Each silo on one machine needs its own.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Gets or sets the IP address a silo advertises to the others, in dotted or IPv6 notation.
    /// Localhost clustering also uses it as the primary silo's address.
    /// </summary>
    public string AdvertisedIp { get; set; } = "127.0.0.1";

    /// <summary>
    /// Gets or sets the silo port of the primary silo for <see cref="ClusteringProvider.Localhost"/>.
    /// Defaults to <see cref="SiloPort"/>, which makes this silo the primary.
    /// </summary>
    public int? PrimarySiloPort { get; set; }

    /// <summary>
    /// Gets or sets the gateway ports a client tries for <see cref="ClusteringProvider.Localhost"/>.
    /// Defaults to <see cref="GatewayPort"/> alone.
    /// </summary>
    public int[]? GatewayPorts { get; set; }
}
