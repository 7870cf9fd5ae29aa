namespace OmcpSandbox.Contracts.Sessions;

/// <summary>The value of a session call, or the fault that prevented it.</summary>
[GenerateSerializer, Immutable, Alias("omcp.SessionResult`1")]
public sealed record SessionResult<T>
    where T : class
{
    /// <summary>Gets the value when the call succeeded.</summary>
    [Id(0)]
    public T? Value { get; init; }

    /// <summary>Gets the fault when the call failed.</summary>
    [Id(1)]
    public SessionFault? Fault { get; init; }

    /// <summary>Creates a successful result.</summary>
    public static SessionResult<T> Ok(T value) => new() { Value = value };

    /// <summary>Creates a failed result.</summary>
    public static SessionResult<T> Fail(SessionFaultCode code, string message, ValidationFinding? validation = null) =>
        new() { Fault = new SessionFault(code, message, validation) };
}
