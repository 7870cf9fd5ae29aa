namespace OmcpSandbox.Grains.Sessions;

/// <summary>The grain storage that session and tenant state is kept in.</summary>
public static class SessionStorage
{
    /// <summary>The storage provider name the silo must register.</summary>
    public const string Name = "sessions";
}
