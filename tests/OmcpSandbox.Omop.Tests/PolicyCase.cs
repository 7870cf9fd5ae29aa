using System.Text.Json;
using System.Text.Json.Serialization;

namespace OmcpSandbox.Omop.Tests;

/// <summary>One SQL policy case from a JSON-lines file under Cases/.</summary>
public sealed record PolicyCase(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("sql")] string Sql,
    [property: JsonPropertyName("expect")] string Expect,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("database")] string? Database)
{
    /// <summary>Ids of shared cases that the policy rejects although PostgreSQL would run them harmlessly.</summary>
    private static readonly HashSet<string> _harmlessForDatabase = ["sql-a-010"];

    public bool IsReject => Expect == "reject";

    /// <summary>Gets whether the reader role, without the policy, must also fail this statement.</summary>
    public bool DatabaseRefuses => Database == "refuses" || (Id.StartsWith("sql-", StringComparison.Ordinal) && IsReject && !_harmlessForDatabase.Contains(Id));

    public override string ToString() => Id;

    public static IEnumerable<PolicyCase> Load()
    {
        foreach (var file in new[] { "sql-policy.jsonl", "sql-policy-own.jsonl" })
        {
            foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Cases", file)))
            {
                if (line.Length > 0)
                {
                    yield return JsonSerializer.Deserialize<PolicyCase>(line)!;
                }
            }
        }
    }

    public static TheoryData<PolicyCase> All() => new(Load());

    public static TheoryData<PolicyCase> Allowed() => new(Load().Where(item => !item.IsReject));

    public static TheoryData<PolicyCase> RefusedByDatabase() => new(Load().Where(item => item.DatabaseRefuses));
}
