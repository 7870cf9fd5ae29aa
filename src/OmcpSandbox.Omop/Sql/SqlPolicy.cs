namespace OmcpSandbox.Omop.Sql;

/// <summary>
/// The read-only SQL policy: accepts one SELECT or WITH ... SELECT statement over the OMOP CDM tables that calls only
/// allow-listed functions, and rejects everything else before the database sees it.
/// </summary>
/// <remarks>
/// The policy works on tokens from <see cref="SqlLexer"/>, not on a full parse tree. Where the token stream is
/// ambiguous it treats a name followed by '(' as a function call, so an unclear case is rejected rather than run.
/// The database enforces read-only access again through the reader role and a read-only transaction.
/// </remarks>
public sealed class SqlPolicy
{
    /// <summary>The schema that holds the OMOP CDM tables.</summary>
    public const string OmopSchema = "omop_cdm";

    private const string SourceValueSuffix = "_source_value";

    private readonly IReadOnlySet<string> _tables;
    private readonly bool _exposeSourceValues;

    /// <summary>Initializes a policy over the tables in <paramref name="tables"/> (lower-case names in omop_cdm).</summary>
    /// <param name="tables">The tables a query may read.</param>
    /// <param name="exposeSourceValues">Whether queries may name <c>*_source_value</c> columns.</param>
    public SqlPolicy(IReadOnlySet<string> tables, bool exposeSourceValues)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _tables = tables;
        _exposeSourceValues = exposeSourceValues;
    }

    /// <summary>Checks one query and returns what it reads.</summary>
    /// <exception cref="SqlPolicyException">The query breaks the policy; the exception gives the reason and its code.</exception>
    public SqlAnalysis Check(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = SqlLexer.Tokenize(sql);
        RejectUnsafeTokens(tokens);
        tokens = RemoveTrailingSemicolon(tokens);
        RequireSelect(tokens);
        RequireBalancedParentheses(tokens);
        RejectKeywords(tokens);
        var tables = new SqlStatementWalker(tokens, _tables, _exposeSourceValues).Walk();
        var end = tokens[^1].Position + tokens[^1].Text.Length;
        return new SqlAnalysis(sql[tokens[0].Position..end], tables);
    }

    /// <summary>
    /// Checks a boolean condition meant for <c>WHERE (condition)</c> on <paramref name="table"/>, and returns it trimmed.
    /// </summary>
    /// <exception cref="SqlPolicyException">The condition breaks the policy or escapes its parentheses.</exception>
    public string CheckCondition(string condition, string table)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var tokens = SqlLexer.Tokenize(condition);
        if (tokens.Count == 0)
        {
            throw new SqlPolicyException(SqlRejectionReason.Empty, "The where condition is empty; pass a boolean expression or omit it.");
        }

        var depth = 0;
        foreach (var token in tokens)
        {
            depth += token.IsSymbol("(") ? 1 : token.IsSymbol(")") ? -1 : 0;
            if (depth < 0 || token.IsSymbol(";"))
            {
                throw new SqlPolicyException(
                    SqlRejectionReason.MultipleStatements,
                    "The where condition must be one boolean expression; it may not close its parentheses or end the statement.",
                    token.Position);
            }
        }

        var trimmed = condition.Trim();
        Check($"SELECT 1 FROM {OmopSchema}.{table} WHERE ({trimmed})");
        return trimmed;
    }

    private static void RejectUnsafeTokens(IReadOnlyList<SqlToken> tokens)
    {
        foreach (var token in tokens)
        {
            var rejection = token.Kind switch
            {
                SqlTokenKind.Comment => (SqlRejectionReason.Comment, "Comments are not allowed in queries; remove them."),
                SqlTokenKind.DollarQuoted => (SqlRejectionReason.DollarQuoting,
                    "Dollar-quoted strings ($$...$$) are not allowed; write the text as a standard '...' string constant."),
                SqlTokenKind.EscapeString => (SqlRejectionReason.EscapeString,
                    "Escape string constants (E'...') are not allowed; write the text as a standard '...' string constant."),
                SqlTokenKind.UnicodeEscape => (SqlRejectionReason.UnicodeEscape,
                    "Unicode escapes (U&'...') are not allowed; write the characters themselves in a '...' string constant."),
                SqlTokenKind.Parameter => (SqlRejectionReason.Parameter,
                    "Positional parameters such as $1 are not allowed; write the value as a constant."),
                _ => ((SqlRejectionReason Reason, string Message)?)null,
            };
            if (rejection is { } found)
            {
                throw new SqlPolicyException(found.Item1, found.Item2, token.Position);
            }
        }
    }

    private static IReadOnlyList<SqlToken> RemoveTrailingSemicolon(IReadOnlyList<SqlToken> tokens)
    {
        var count = tokens.Count;
        if (count > 0 && tokens[count - 1].IsSymbol(";"))
        {
            count--;
        }

        for (var i = 0; i < count; i++)
        {
            if (tokens[i].IsSymbol(";"))
            {
                throw new SqlPolicyException(
                    SqlRejectionReason.MultipleStatements,
                    "Only one statement is allowed per query; send each statement separately.",
                    tokens[i].Position);
            }
        }

        if (count == 0)
        {
            throw new SqlPolicyException(SqlRejectionReason.Empty, "The query is empty; send one SELECT statement.");
        }

        return count == tokens.Count ? tokens : tokens.Take(count).ToList();
    }

    private static void RequireSelect(IReadOnlyList<SqlToken> tokens)
    {
        var first = tokens.FirstOrDefault(token => !token.IsSymbol("("));
        if (!first.IsWord("select") && !first.IsWord("with"))
        {
            var word = first.Text ?? tokens[0].Text;
            throw new SqlPolicyException(
                SqlRejectionReason.NotSelect,
                $"Only SELECT or WITH ... SELECT queries are allowed, but the statement starts with '{word}'.",
                first.Text is null ? 0 : first.Position);
        }
    }

    private static void RequireBalancedParentheses(IReadOnlyList<SqlToken> tokens)
    {
        var depth = 0;
        foreach (var token in tokens)
        {
            depth += token.IsSymbol("(") ? 1 : token.IsSymbol(")") ? -1 : 0;
            if (depth < 0)
            {
                throw new SqlPolicyException(SqlRejectionReason.Malformed, "The query closes a parenthesis it never opened.", token.Position);
            }
        }

        if (depth != 0)
        {
            throw new SqlPolicyException(SqlRejectionReason.Malformed, "The query leaves a parenthesis open.", tokens[^1].Position);
        }
    }

    private static void RejectKeywords(IReadOnlyList<SqlToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind != SqlTokenKind.Identifier)
            {
                continue;
            }

            var next = i + 1 < tokens.Count ? tokens[i + 1] : default;
            if (token.Value == "into")
            {
                throw new SqlPolicyException(
                    SqlRejectionReason.SelectInto,
                    "SELECT ... INTO creates a table and is not allowed; remove the INTO clause.",
                    token.Position);
            }

            if (token.Value == "for" && (next.IsWord("update") || next.IsWord("share") || next.IsWord("no") || next.IsWord("key")))
            {
                throw new SqlPolicyException(
                    SqlRejectionReason.LockingClause,
                    "Locking clauses (FOR UPDATE, FOR SHARE and the like) are not allowed in read-only queries; remove it.",
                    token.Position);
            }

            if (SqlKeywords.Writes.Contains(token.Value))
            {
                var inCte = IsCteBody(tokens, i);
                throw new SqlPolicyException(
                    inCte ? SqlRejectionReason.WritableCte : SqlRejectionReason.Write,
                    inCte
                        ? $"A WITH query may not run {token.Value.ToUpperInvariant()}; only read-only queries are allowed."
                        : $"{token.Value.ToUpperInvariant()} changes data or the schema and is not allowed; only read-only queries are allowed.",
                    token.Position);
            }

            if (SqlKeywords.Forbidden.Contains(token.Value))
            {
                throw new SqlPolicyException(
                    SqlRejectionReason.ForbiddenKeyword,
                    $"The key word {token.Value.ToUpperInvariant()} is not allowed in read-only queries; "
                    + "write a plain SELECT over the OMOP tables (quote a column of that name as \"name\").",
                    token.Position);
            }
        }
    }

    private static bool IsCteBody(IReadOnlyList<SqlToken> tokens, int index)
    {
        // WITH name AS [NOT] [MATERIALIZED] ( <command> ...
        if (index < 2 || !tokens[index - 1].IsSymbol("("))
        {
            return false;
        }

        var before = index - 2;
        while (before > 0 && (tokens[before].IsWord("materialized") || tokens[before].IsWord("not")))
        {
            before--;
        }

        return tokens[before].IsWord("as");
    }

    internal static bool IsSourceValueName(string name) => name.EndsWith(SourceValueSuffix, StringComparison.Ordinal);
}
