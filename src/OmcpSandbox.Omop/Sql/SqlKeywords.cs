using System.Collections.Frozen;

namespace OmcpSandbox.Omop.Sql;

/// <summary>Key word sets that the read-only policy looks for among unquoted names.</summary>
internal static class SqlKeywords
{
    /// <summary>Key words that may be followed by '(' without being a function call.</summary>
    public static FrozenSet<string> TakingParentheses { get; } = new[]
    {
        "in", "exists", "any", "all", "some", "values", "over", "filter", "within", "group", "as", "on", "using", "and",
        "or", "not", "from", "join", "select", "where", "when", "then", "else", "case", "by", "lateral", "row", "array",
        "is", "like", "ilike", "between", "having", "union", "intersect", "except", "distinct", "limit", "offset",
        "cube", "rollup", "grouping", "sets", "materialized", "similar", "escape", "to", "at", "zone", "only", "with",
        "recursive", "symmetric", "fetch", "first", "next", "rows", "range", "groups", "preceding", "following",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Commands that change data or the schema.</summary>
    public static FrozenSet<string> Writes { get; } = new[]
    {
        "insert", "update", "delete", "merge", "truncate", "create", "alter", "drop", "grant", "revoke", "returning",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Key words that no read-only query over the OMOP tables needs.</summary>
    public static FrozenSet<string> Forbidden { get; } = new[]
    {
        "copy", "set", "reset", "show", "do", "call", "execute", "prepare", "deallocate", "lock", "listen", "notify",
        "unlisten", "vacuum", "analyze", "analyse", "cluster", "reindex", "refresh", "discard", "begin", "commit",
        "rollback", "savepoint", "release", "abort", "checkpoint", "load", "import", "security", "operator", "explain",
        "declare", "table", "nothing", "conflict",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Key words that end a FROM list at the same level of parentheses.</summary>
    public static FrozenSet<string> EndingFromList { get; } = new[]
    {
        "where", "group", "having", "window", "order", "limit", "offset", "fetch", "union", "intersect", "except",
        "select",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Schemas a query may never name.</summary>
    public static FrozenSet<string> SystemSchemas { get; } = new[]
    {
        "pg_catalog", "information_schema", "pg_toast", "pg_temp", "public",
    }.ToFrozenSet(StringComparer.Ordinal);
}
