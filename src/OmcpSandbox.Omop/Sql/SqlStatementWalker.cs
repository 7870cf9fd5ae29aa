namespace OmcpSandbox.Omop.Sql;

/// <summary>
/// Walks the tokens of one statement, level by level of parentheses, to find function calls, the relations in FROM
/// lists and names of system objects or withheld columns.
/// </summary>
internal sealed class SqlStatementWalker
{
    private readonly IReadOnlyList<SqlToken> _tokens;
    private readonly IReadOnlySet<string> _tables;
    private readonly bool _exposeSourceValues;
    private readonly HashSet<string> _cteNames = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _tablesRead = new(StringComparer.Ordinal);
    private readonly Stack<Level> _levels = new();

    public SqlStatementWalker(IReadOnlyList<SqlToken> tokens, IReadOnlySet<string> tables, bool exposeSourceValues)
    {
        _tokens = tokens;
        _tables = tables;
        _exposeSourceValues = exposeSourceValues;
    }

    private enum LevelKind
    {
        Query,
        JoinGroup,
        Expression,
    }

    /// <summary>Checks the statement and returns the OMOP tables it reads.</summary>
    public IReadOnlyList<string> Walk()
    {
        CollectCteNames();
        _levels.Push(new Level(LevelKind.Query));
        var i = 0;
        while (i < _tokens.Count)
        {
            i = Step(i);
        }

        return _tablesRead.ToList();
    }

    private int Step(int i)
    {
        var token = _tokens[i];
        var level = _levels.Peek();

        if (token.IsSymbol("("))
        {
            OpenLevel(i, level);
            return i + 1;
        }

        if (token.IsSymbol(")"))
        {
            _levels.Pop();
            return i + 1;
        }

        if (level.Kind != LevelKind.Expression)
        {
            TrackFromList(i, level);
        }

        if (!token.IsName)
        {
            return i + 1;
        }

        var end = ReadNameChain(i, out var parts);
        var calls = end < _tokens.Count && _tokens[end].IsSymbol("(") && IsCall(i, end, parts);
        if (calls)
        {
            CheckFunction(parts, token.Position);
            level.ExpectRelation = false;
            return end;
        }

        CheckName(parts, token.Position);
        if (level.ExpectRelation && !IsKeyword(token))
        {
            CheckRelation(parts, token.Position);
            level.ExpectRelation = false;
        }

        return end;
    }

    private void OpenLevel(int i, Level level)
    {
        var next = i + 1 < _tokens.Count ? _tokens[i + 1] : default;
        var startsQuery = next.IsWord("select") || next.IsWord("with") || next.IsWord("values");
        if (startsQuery)
        {
            level.ExpectRelation = false;
            _levels.Push(new Level(LevelKind.Query));
        }
        else if (level.ExpectRelation)
        {
            level.ExpectRelation = false;
            _levels.Push(new Level(LevelKind.JoinGroup) { InFrom = true, ExpectRelation = true });
        }
        else
        {
            _levels.Push(new Level(LevelKind.Expression));
        }
    }

    private void TrackFromList(int i, Level level)
    {
        var token = _tokens[i];
        if (token.IsWord("from") && !IsDistinctFromOperator(i))
        {
            level.InFrom = true;
            level.ExpectRelation = true;
        }
        else if (token.IsWord("join") || (level.InFrom && token.IsSymbol(",")))
        {
            level.InFrom = true;
            level.ExpectRelation = true;
        }
        else if (token.Kind == SqlTokenKind.Identifier && SqlKeywords.EndingFromList.Contains(token.Value))
        {
            level.InFrom = false;
            level.ExpectRelation = false;
        }
    }

    private bool IsDistinctFromOperator(int i) =>
        i >= 2 && _tokens[i - 1].IsWord("distinct") && (_tokens[i - 2].IsWord("is") || _tokens[i - 2].IsWord("not"));

    private int ReadNameChain(int start, out List<SqlToken> parts)
    {
        parts = [_tokens[start]];
        var i = start + 1;
        while (i + 1 < _tokens.Count && _tokens[i].IsSymbol(".") && _tokens[i + 1].IsName)
        {
            parts.Add(_tokens[i + 1]);
            i += 2;
        }

        return i;
    }

    private bool IsCall(int start, int openParenthesis, List<SqlToken> parts)
    {
        if (parts.Count == 1 && IsKeyword(parts[0]) && SqlKeywords.TakingParentheses.Contains(parts[0].Value))
        {
            return false;
        }

        // An alias with a column list (AS t(a, b)), a type with a modifier (::numeric(10, 2), AS varchar(20)),
        // or a derived-table alias after ')' is not a call.
        var previous = start > 0 ? _tokens[start - 1] : default;
        if (previous.IsWord("as") || previous.IsSymbol("::") || previous.IsSymbol(")"))
        {
            return false;
        }

        // NOTE: an alias column list without AS ("FROM person p(a, b)") is taken for a call of p and rejected.
        return !(parts.Count == 1 && IsCteColumnList(openParenthesis));
    }

    private bool IsCteColumnList(int openParenthesis)
    {
        // WITH name (a, b) AS [NOT] [MATERIALIZED] ( ... )
        var close = FindClosing(openParenthesis);
        if (close + 1 >= _tokens.Count || !_tokens[close + 1].IsWord("as"))
        {
            return false;
        }

        var after = close + 2;
        while (after < _tokens.Count && (_tokens[after].IsWord("not") || _tokens[after].IsWord("materialized")))
        {
            after++;
        }

        return after < _tokens.Count && _tokens[after].IsSymbol("(");
    }

    private int FindClosing(int openParenthesis)
    {
        var depth = 0;
        for (var i = openParenthesis; i < _tokens.Count; i++)
        {
            depth += _tokens[i].IsSymbol("(") ? 1 : _tokens[i].IsSymbol(")") ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }

        return _tokens.Count - 1;
    }

    private void CollectCteNames()
    {
        for (var i = 0; i + 2 < _tokens.Count; i++)
        {
            if (!_tokens[i].IsName)
            {
                continue;
            }

            var next = i + 1;
            if (_tokens[next].IsSymbol("("))
            {
                if (!IsCteColumnList(next))
                {
                    continue;
                }

                next = FindClosing(next) + 1;
            }

            if (!_tokens[next].IsWord("as"))
            {
                continue;
            }

            var after = next + 1;
            while (after < _tokens.Count && (_tokens[after].IsWord("not") || _tokens[after].IsWord("materialized")))
            {
                after++;
            }

            if (after < _tokens.Count && _tokens[after].IsSymbol("(") && IsQueryStart(after + 1))
            {
                _cteNames.Add(_tokens[i].Value);
            }
        }
    }

    private bool IsQueryStart(int i) =>
        i < _tokens.Count && (_tokens[i].IsWord("select") || _tokens[i].IsWord("with") || _tokens[i].IsWord("values"));

    private static void CheckFunction(List<SqlToken> parts, int position)
    {
        var name = parts[^1].Value;
        var display = string.Join('.', parts.Select(part => part.Value));
        var qualified = parts.Count > 1;
        var allowedSchema = !qualified || (parts.Count == 2 && parts[0].Value == "pg_catalog");
        if (!allowedSchema || !SqlAllowedFunctions.Names.Contains(name))
        {
            throw new SqlPolicyException(
                SqlRejectionReason.FunctionNotAllowed,
                $"The function {display} is not allowed. Queries may call aggregate, window, string, date, math, JSON "
                + "and cast functions such as count, avg, lower, date_trunc, round and json_build_object.",
                position);
        }
    }

    private void CheckName(List<SqlToken> parts, int position)
    {
        foreach (var part in parts)
        {
            var value = part.Value;
            if (SqlKeywords.SystemSchemas.Contains(value) || value.StartsWith("pg_", StringComparison.Ordinal))
            {
                throw new SqlPolicyException(
                    SqlRejectionReason.SystemCatalog,
                    $"The name {value} refers to a system catalog or schema, which queries may not read; "
                    + $"query only the {SqlPolicy.OmopSchema} tables (list_omop_tables).",
                    position);
            }

            if (!_exposeSourceValues && SqlPolicy.IsSourceValueName(value))
            {
                throw new SqlPolicyException(
                    SqlRejectionReason.SourceValueColumn,
                    $"The column {value} is withheld: *_source_value columns may hold identifying source data and are "
                    + "not exposed. Remove it from the query.",
                    position);
            }
        }

        if (parts.Count > 3 || (parts.Count == 3 && parts[0].Value != SqlPolicy.OmopSchema))
        {
            throw new SqlPolicyException(
                SqlRejectionReason.TableNotAllowed,
                $"The name {string.Join('.', parts.Select(part => part.Value))} refers outside the {SqlPolicy.OmopSchema} "
                + "schema; name columns as table.column or column.",
                position);
        }
    }

    private void CheckRelation(List<SqlToken> parts, int position)
    {
        var display = string.Join('.', parts.Select(part => part.Value));
        var table = parts[^1].Value;
        var schemaAllowed = parts.Count == 1 || (parts.Count == 2 && parts[0].Value == SqlPolicy.OmopSchema);
        if (parts.Count == 1 && _cteNames.Contains(table))
        {
            return;
        }

        if (!schemaAllowed || !_tables.Contains(table))
        {
            throw new SqlPolicyException(
                SqlRejectionReason.TableNotAllowed,
                $"Invalid table name: {display}. Queries may read only the {SqlPolicy.OmopSchema} tables; "
                + "call list_omop_tables to see them.",
                position);
        }

        _tablesRead.Add(table);
    }

    private static bool IsKeyword(SqlToken token) =>
        token.Kind == SqlTokenKind.Identifier
        && (token.Value is "lateral" or "only" || SqlKeywords.TakingParentheses.Contains(token.Value));

    private sealed class Level(LevelKind kind)
    {
        public LevelKind Kind { get; } = kind;

        public bool InFrom { get; set; }

        public bool ExpectRelation { get; set; }
    }
}
