namespace OmcpSandbox.Contracts.Sessions;

/// <summary>The authenticated caller on whose behalf the front end calls a grain.</summary>
/// <param name="Tenant">The tenant that owns the sessions the caller creates; a caller sees only its own tenant's sessions.</param>
/// <param name="IsAdmin">Whether the caller holds the admin role, which may see and end every tenant's sessions.</param>
[GenerateSerializer, Immutable, Alias("omcp.CallerIdentity")]
public sealed record CallerIdentity([property: Id(0)] string Tenant, [property: Id(1)] bool IsAdmin);
