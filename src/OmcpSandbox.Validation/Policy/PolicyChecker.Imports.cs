using OmcpSandbox.Validation.Tokenizing;

namespace OmcpSandbox.Validation.Policy;

internal sealed partial class PolicyChecker
{
    private readonly Dictionary<int, ImportStatement> _imports = [];

    /// <summary>
    /// Records, before checking, every name bound by an import, every name assigned an in-memory buffer and every
    /// name bound by <c>except ... as</c>. The walk is not flow-sensitive: a binding anywhere counts everywhere.
    /// </summary>
    private void CollectBindings(List<Token> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind != TokenKind.Name)
            {
                continue;
            }

            if (token.Text is "import" or "from" && IsStatementStart(tokens, i, 0) && ParseImport(tokens, i) is { } statement)
            {
                _imports[i] = statement;
                RecordAliases(statement);
                i = statement.End - 1;
            }
            else if (token.Text == "except")
            {
                var asIndex = FindAtSameDepth(tokens, i + 1, candidate => candidate.IsName("as") || candidate.IsOperator(":"));
                if (asIndex >= 0 && tokens[asIndex].IsName("as") && asIndex + 1 < tokens.Count && tokens[asIndex + 1].Kind == TokenKind.Name)
                {
                    _exceptionNames.Add(tokens[asIndex + 1].Text);
                }
            }
            else if (i + 1 < tokens.Count && tokens[i + 1].IsOperator("=") && IsStatementStart(tokens, i, 0)
                && IsBufferCall(tokens, i + 2, out var callEnd)
                && (callEnd + 1 >= tokens.Count || tokens[callEnd + 1].Kind is TokenKind.Newline or TokenKind.EndOfInput || tokens[callEnd + 1].IsOperator(";")))
            {
                _bufferNames.Add(token.Text);
            }
            else if (IsBufferType(token.Text) && i + 1 < tokens.Count && tokens[i + 1].IsOperator("("))
            {
                var close = tokens[i + 1].Pair;
                if (close > 0 && close + 2 < tokens.Count && tokens[close + 1].IsName("as") && tokens[close + 2].Kind == TokenKind.Name)
                {
                    _bufferNames.Add(tokens[close + 2].Text);
                }
            }
        }
    }

    private static bool IsBufferType(string name) => name is "StringIO" or "BytesIO";

    /// <summary>Tells whether the tokens from <paramref name="start"/> are a call such as <c>io.BytesIO(...)</c>.</summary>
    private bool IsBufferCall(List<Token> tokens, int start, out int callEnd)
    {
        callEnd = -1;
        var i = start;
        while (i + 2 < tokens.Count && tokens[i].Kind == TokenKind.Name && tokens[i + 1].IsOperator("."))
        {
            i += 2;
        }

        if (i + 1 >= tokens.Count || tokens[i].Kind != TokenKind.Name || !IsBufferType(tokens[i].Text) || !tokens[i + 1].IsOperator("("))
        {
            return false;
        }

        callEnd = tokens[i + 1].Pair;
        return callEnd > 0;
    }

    private void RecordAliases(ImportStatement statement)
    {
        foreach (var imported in statement.Names)
        {
            if (!statement.IsFrom)
            {
                var first = imported.Dotted.Split('.')[0];
                _aliases[imported.Alias?.Text ?? first] = imported.Alias is null ? first : imported.Dotted;
            }
            else
            {
                var full = statement.Module is null ? imported.Dotted : statement.Module + "." + imported.Dotted;
                _aliases[imported.Alias?.Text ?? imported.Dotted] = full;
            }
        }
    }

    private (ValidationFailure? Failure, int End) CheckImport(List<Token> tokens, int index)
    {
        if (!_imports.TryGetValue(index, out var statement))
        {
            return (null, index + 1);
        }

        return (statement.IsFrom ? CheckFromImport(statement) : CheckPlainImport(statement), statement.End);
    }

    private ValidationFailure? CheckPlainImport(ImportStatement statement)
    {
        foreach (var imported in statement.Names)
        {
            if (_policy.FindModule(imported.Dotted) is var (module, rule))
            {
                return Fail(rule, imported.Dotted, imported.First, module);
            }

            if (imported.Alias is { } alias && CheckBoundName(alias) is { } failure)
            {
                return failure;
            }
        }

        return null;
    }

    private ValidationFailure? CheckFromImport(ImportStatement statement)
    {
        if (statement.Module is { } moduleName && _policy.FindModule(moduleName) is var (blockedModule, moduleRule))
        {
            return Fail(moduleRule, moduleName, statement.ModuleToken!.Value, blockedModule);
        }

        if (statement.Star is { } star && statement.Module is { } starModule
            && _policy.ModuleMembers.Keys.Any(member => member.StartsWith(starModule + ".", StringComparison.Ordinal)))
        {
            return Fail(ValidationRules.BlockedModuleAttribute, starModule + ".*", star);
        }

        foreach (var imported in statement.Names)
        {
            if (CheckImportedName(statement.Module, imported) is { } failure)
            {
                return failure;
            }
        }

        return null;
    }

    private ValidationFailure? CheckImportedName(string? module, ImportedName imported)
    {
        var name = imported.Dotted;
        var token = imported.First;
        var full = module is null ? name : module + "." + name;
        if (_policy.ModuleMembers.TryGetValue(full, out var memberRule))
        {
            return Fail(memberRule, full, token);
        }

        if (_policy.FindModule(full) is var (blocked, rule))
        {
            return Fail(rule, full, token, blocked);
        }

        if (_policy.Modules.TryGetValue(name, out rule))
        {
            return Fail(rule, name, token);
        }

        if (_policy.ModuleAttributeNames.Contains(name))
        {
            return Fail(ValidationRules.BlockedModuleAttribute, name, token);
        }

        if (CheckBoundName(token) is { } bound)
        {
            return bound;
        }

        if (_policy.Attributes.TryGetValue(name, out rule))
        {
            return Fail(rule, name, token);
        }

        return imported.Alias is { } alias ? CheckBoundName(alias) : null;
    }

    private ValidationFailure? CheckBoundName(Token token)
    {
        if (_policy.Builtins.TryGetValue(token.Text, out var rule))
        {
            return Fail(rule, token.Text, token);
        }

        return _policy.Names.Contains(token.Text) ? Fail(ValidationRules.BlockedName, token.Text, token) : null;
    }

    private static ImportStatement? ParseImport(List<Token> tokens, int index)
    {
        var isFrom = tokens[index].IsName("from");
        var i = index + 1;
        string? module = null;
        Token? moduleToken = null;
        if (isFrom)
        {
            while (i < tokens.Count && (tokens[i].IsOperator(".") || tokens[i].IsOperator("...")))
            {
                i++;
            }

            if (i < tokens.Count && tokens[i].Kind == TokenKind.Name && !tokens[i].IsName("import"))
            {
                moduleToken = tokens[i];
                module = ReadDotted(tokens, ref i);
            }

            if (i >= tokens.Count || !tokens[i].IsName("import"))
            {
                return null;
            }

            i++;
        }

        var names = new List<ImportedName>();
        Token? star = null;
        var parenthesized = i < tokens.Count && tokens[i].IsOperator("(");
        if (parenthesized)
        {
            i++;
        }

        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (token.IsOperator("*"))
            {
                star = token;
                i++;
            }
            else if (token.Kind == TokenKind.Name && !Keywords.IsKeyword(token.Text))
            {
                var dotted = ReadDotted(tokens, ref i);
                Token? alias = null;
                if (i + 1 < tokens.Count && tokens[i].IsName("as") && tokens[i + 1].Kind == TokenKind.Name)
                {
                    alias = tokens[i + 1];
                    i += 2;
                }

                names.Add(new ImportedName(dotted, token, alias));
            }
            else if (token.IsOperator(","))
            {
                i++;
            }
            else
            {
                if (parenthesized && token.IsOperator(")"))
                {
                    i++;
                }

                break;
            }
        }

        return new ImportStatement(isFrom, module, moduleToken, names, star, i);
    }

    private static string ReadDotted(List<Token> tokens, ref int index)
    {
        var dotted = tokens[index].Text;
        index++;
        while (index + 1 < tokens.Count && tokens[index].IsOperator(".") && tokens[index + 1].Kind == TokenKind.Name)
        {
            dotted = dotted + "." + tokens[index + 1].Text;
            index += 2;
        }

        return dotted;
    }

    private sealed record ImportedName(string Dotted, Token First, Token? Alias);

    private sealed record ImportStatement(
        bool IsFrom, string? Module, Token? ModuleToken, List<ImportedName> Names, Token? Star, int End);
}
