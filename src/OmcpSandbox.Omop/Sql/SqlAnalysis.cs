namespace OmcpSandbox.Omop.Sql;

/// <summary>A statement that passed the read-only policy.</summary>
/// <param name="Statement">The statement without its trailing semicolon, ready to be wrapped in a subquery.</param>
/// <param name="Tables">The OMOP tables the statement reads, in lower case and without duplicates.</param>
public sealed record SqlAnalysis(string Statement, IReadOnlyList<string> Tables);
