namespace OmcpSandbox.Contracts.Omop;

/// <summary>The value of an OMOP query, or the fault that prevented it.</summary>
[GenerateSerializer, Immutable, Alias("omcp.OmopResult`1")]
public sealed record OmopResult<T>
    where T : class
{
    /// <summary>Gets the value when the query succeeded.</summary>
    [Id(0)]
    public T? Value { get; init; }

    /// <summary>Gets the fault when the query failed.</summary>
    [Id(1)]
    public OmopFault? Fault { get; init; }

    /// <summary>Creates a successful result.</summary>
    public static OmopResult<T> Ok(T value) => new() { Value = value };

    /// <summary>Creates a failed result.</summary>
    public static OmopResult<T> Fail(string reason, string message) => new() { Fault = new OmopFault(reason, message) };
}

/// <summary>Why an OMOP query failed: a machine-readable reason and a message that names the problem and the fix.</summary>
/// <param name="Reason">
/// A snake_case code: a SQL policy rejection such as <c>not_select</c> or <c>function_not_allowed</c>, a query error
/// such as <c>invalid_table</c>, <c>invalid_column</c>, <c>unsafe_sql_disabled</c> or <c>timeout</c>, or
/// <see cref="OmopFaultReasons.NotConfigured"/>.
/// </param>
/// <param name="Message">A sentence for the caller that says what was wrong and what to do.</param>
[GenerateSerializer, Immutable, Alias("omcp.OmopFault")]
public sealed record OmopFault([property: Id(0)] string Reason, [property: Id(1)] string Message);

/// <summary>Fault reasons that do not come from the query service itself.</summary>
public static class OmopFaultReasons
{
    /// <summary>The silo has no OMOP database settings.</summary>
    public const string NotConfigured = "not_configured";

    /// <summary>An argument is missing or malformed before any query ran.</summary>
    public const string InvalidArgument = "invalid_argument";

    /// <summary>The silo could not connect to the OMOP database.</summary>
    public const string DatabaseUnavailable = "database_unavailable";
}
