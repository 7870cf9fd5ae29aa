namespace OmcpSandbox.Clustering;

/// <summary>Membership provider a silo or client uses to find the rest of the cluster.</summary>
public enum ClusteringProvider
{
    /// <summary>Orleans development clustering on loopback, with the first silo as primary; no database.</summary>
    Localhost,

    /// <summary>Orleans ADO.NET clustering on PostgreSQL, with grain state in the same database.</summary>
    AdoNet,
}
