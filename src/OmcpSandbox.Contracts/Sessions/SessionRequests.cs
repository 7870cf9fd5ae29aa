namespace OmcpSandbox.Contracts.Sessions;

/// <summary>Settings of a new session.</summary>
/// <param name="IdleTimeout">How long the session may sit unused before it ends; null for the silo's default.</param>
[GenerateSerializer, Immutable, Alias("omcp.SessionCreateRequest")]
public sealed record SessionCreateRequest([property: Id(0)] TimeSpan? IdleTimeout);

/// <summary>Code to run in a session.</summary>
/// <param name="Code">The Python source.</param>
/// <param name="Timeout">The deadline of this execution; null for the default.</param>
[GenerateSerializer, Immutable, Alias("omcp.ExecuteRequest")]
public sealed record ExecuteRequest([property: Id(0)] string Code, [property: Id(1)] TimeSpan? Timeout);

/// <summary>A package to install into a session's workspace.</summary>
/// <param name="Requirement">One exact pinned requirement, <c>name==version</c>.</param>
/// <param name="Timeout">The deadline of the install; null for the default.</param>
[GenerateSerializer, Immutable, Alias("omcp.InstallRequest")]
public sealed record InstallRequest([property: Id(0)] string Requirement, [property: Id(1)] TimeSpan? Timeout);

/// <summary>The outcome of a removal.</summary>
[GenerateSerializer, Immutable, Alias("omcp.RemoveOutcome")]
public sealed record RemoveOutcome([property: Id(0)] string Message);
