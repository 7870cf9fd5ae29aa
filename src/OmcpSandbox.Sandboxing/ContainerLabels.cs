namespace OmcpSandbox.Sandboxing;

/// <summary>The labels every sandbox container carries, so any silo can tell whose it is.</summary>
public static class ContainerLabels
{
    /// <summary>The session id.</summary>
    public const string SandboxId = "omcp.sandbox-id";

    /// <summary>The cluster id.</summary>
    public const string ClusterId = "omcp.cluster-id";

    /// <summary>The name of the silo that created the container.</summary>
    public const string Silo = "omcp.silo";

    /// <summary>The creation time, ISO 8601 in UTC.</summary>
    public const string CreatedAt = "omcp.created-at";
}
