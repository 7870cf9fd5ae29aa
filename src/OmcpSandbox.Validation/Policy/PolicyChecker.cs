using System.Runtime.InteropServices;
using OmcpSandbox.Validation.Tokenizing;

namespace OmcpSandbox.Validation.Policy;

/// <summary>
/// Applies a <see cref="CompiledPolicy"/> to the tokens of one module and returns the first failure in source
/// order. The structure it needs (imports, attribute chains, calls and their arguments, subscripts, class patterns,
/// lambda and def parameters) is read from the tokens and bracket pairs, without building a syntax tree.
/// </summary>
// NOTE: string annotations are not parsed. typing.get_type_hints is blocked, but functools.singledispatch's
// register() also evaluates them, so an annotation string can still run code that this walk never checks.
internal sealed partial class PolicyChecker
{
    private static readonly HashSet<string> _assignableSpecialNames = new(StringComparer.Ordinal)
    {
        "__slots__", "__all__", "__doc__", "__match_args__", "__version__", "__author__", "__hash__", "__module__",
        "__qualname__", "__annotations__",
    };

    private readonly CompiledPolicy _policy;
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly HashSet<string> _bufferNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _exceptionNames = new(StringComparer.Ordinal);
    private char[] _pathBuffer = new char[64];

    // Keyed by reference: the tokenizer interns names, so equal names are one string and hashing skips the text.
    private readonly Dictionary<string, NameFlags> _nameFlags = new(ReferenceEqualityComparer.Instance);

    private PolicyChecker(CompiledPolicy policy)
    {
        _policy = policy;
    }

    public static ValidationFailure? Check(List<Token> tokens, CompiledPolicy policy)
    {
        var checker = new PolicyChecker(policy);
        checker.CollectBindings(tokens);
        return checker.CheckTokens(tokens);
    }

    private static ValidationFailure Fail(string rule, string name, Token token, string? reasonKey = null) =>
        new(rule, name, token.Line, token.Column, ValidationMessages.Format(rule, name, token.Line, token.Column, reasonKey ?? name));

    private static bool IsDunder(string name) =>
        name.Length > 4 && name.StartsWith("__", StringComparison.Ordinal) && name.EndsWith("__", StringComparison.Ordinal);

    // Name mangling turns __name inside class C into _C__name; reading that from outside reaches another class's privates.
    private static bool IsMangledPrivate(string name) =>
        name.Length > 3 && name[0] == '_' && name[1] != '_' && name.IndexOf("__", 2, StringComparison.Ordinal) > 0;

    private static bool IsStatementStart(List<Token> tokens, int index, int depth)
    {
        if (index == 0)
        {
            return true;
        }

        var previous = tokens[index - 1];
        return previous.Kind is TokenKind.Newline or TokenKind.Indent or TokenKind.Dedent
            || previous.IsOperator(";")
            || previous.IsOperator(":") && depth == 0;
    }

    /// <summary>Finds the next token at bracket depth 0 relative to <paramref name="start"/> that satisfies <paramref name="match"/>.</summary>
    private int FindAtSameDepth(List<Token> tokens, int start, Func<Token, bool> match)
    {
        for (var i = start; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind is TokenKind.Newline or TokenKind.EndOfInput || token.IsOperator(";"))
            {
                return -1;
            }

            if (match(token))
            {
                return i;
            }

            if (token.Kind == TokenKind.Operator && token.Text is "(" or "[" or "{")
            {
                i = token.Pair;
            }
            else if (token.Kind == TokenKind.Operator && token.Text is ")" or "]" or "}")
            {
                return -1;
            }
        }

        return -1;
    }

    private ValidationFailure? CheckTokens(List<Token> tokens)
    {
        var frames = new List<Frame>();
        var casePatternEnd = -1;
        var lambdaParametersEnd = -1;
        var span = CollectionsMarshal.AsSpan(tokens);
        for (var i = 0; i < span.Length; i++)
        {
            ref readonly var token = ref span[i];
            var previous = i > 0 ? span[i - 1] : default;
            switch (token.Kind)
            {
                case TokenKind.String:
                    var expressions = token.Literal!.Expressions;
                    for (var e = 0; e < expressions.Count; e++)
                    {
                        if (CheckTokens(expressions[e]) is { } nested)
                        {
                            return nested;
                        }
                    }

                    continue;
                case TokenKind.Operator:
                    // Only brackets have a pair, and an opening bracket's pair comes after it.
                    if (token.Pair > i)
                    {
                        var isCall = token.Text == "(" && previous.EndsOperand && !IsDefinitionName(tokens, i - 1);
                        if (token.Text == "[" && previous.EndsOperand && CheckSubscript(tokens, i, token.Pair) is { } subscript)
                        {
                            return subscript;
                        }

                        frames.Add(new Frame(isCall));
                    }
                    else if (token.Pair >= 0 && frames.Count > 0)
                    {
                        frames.RemoveAt(frames.Count - 1);
                    }

                    continue;
                case not TokenKind.Name:
                    continue;
            }

            var name = token.Text;
            var flags = Classify(name);
            if (previous.IsOperator("."))
            {
                if ((flags & NameFlags.AttributeMatters) == 0)
                {
                    continue;
                }

                if (CheckAttribute(tokens, i) is { } attribute)
                {
                    return attribute;
                }

                continue;
            }

            if ((flags & NameFlags.Keyword) != 0)
            {
                switch (name)
                {
                    case "import" or "from" when IsStatementStart(tokens, i, frames.Count):
                        var (importFailure, importEnd) = CheckImport(tokens, i);
                        if (importFailure is not null)
                        {
                            return importFailure;
                        }

                        i = importEnd - 1;
                        break;
                    case "lambda":
                        lambdaParametersEnd = FindAtSameDepth(tokens, i + 1, candidate => candidate.IsOperator(":"));
                        break;
                }

                continue;
            }

            if (name == "case" && casePatternEnd < i && IsStatementStart(tokens, i, frames.Count))
            {
                casePatternEnd = FindCasePatternEnd(tokens, i);
            }

            // Every check of a bare name needs a fact in BareNameMatters, so other names matter only before '='.
            var isBareNameChecked = (flags & NameFlags.BareNameMatters) != 0;
            var isFollowedByAssign = i + 1 < tokens.Count && tokens[i + 1].IsOperator("=");
            if (!isBareNameChecked && !isFollowedByAssign)
            {
                continue;
            }

            var isKeywordArgument = frames.Count > 0 && frames[^1].IsCall && isFollowedByAssign
                && (previous.IsOperator("(") || previous.IsOperator(",")) && !(i < lambdaParametersEnd);
            if (isKeywordArgument)
            {
                var keywordFailure = i < casePatternEnd
                    ? CheckAttributeName(name, token)
                    : CheckKeywordArgument(tokens, i);
                if (keywordFailure is not null)
                {
                    return keywordFailure;
                }

                continue;
            }

            if (isBareNameChecked && CheckBareName(tokens, i, frames.Count) is { } bare)
            {
                return bare;
            }
        }

        return null;
    }

    /// <summary>Returns, from a cache, whether a name can matter as a bare name or as an attribute.</summary>
    private NameFlags Classify(string name)
    {
        if (_nameFlags.TryGetValue(name, out var flags))
        {
            return flags;
        }

        flags = NameFlags.Checked;
        if (Keywords.IsKeyword(name))
        {
            flags |= NameFlags.Keyword;
        }

        if (name == "case" || _policy.Builtins.ContainsKey(name) || _policy.Names.Contains(name) || IsDunder(name)
            || _aliases.ContainsKey(name))
        {
            flags |= NameFlags.BareNameMatters;
        }

        if (_policy.Attributes.ContainsKey(name) || _policy.ModuleAttributeNames.Contains(name) || IsMangledPrivate(name)
            || _policy.PathFunctions.Contains(name) || name is "obj" or "format" or "format_map" or "vformat" or "query")
        {
            flags |= NameFlags.AttributeMatters;
        }

        _nameFlags[name] = flags;
        return flags;
    }

    private static bool IsDefinitionName(List<Token> tokens, int index) =>
        index > 0 && tokens[index].Kind == TokenKind.Name && tokens[index - 1].IsName("def");

    /// <summary>Returns the index of the colon that ends a <c>case</c> pattern, or -1 when the line is not one.</summary>
    private int FindCasePatternEnd(List<Token> tokens, int caseIndex)
    {
        if (caseIndex + 1 >= tokens.Count || tokens[caseIndex + 1] is { Kind: TokenKind.Operator, Text: ":" or "=" or "." })
        {
            return -1;
        }

        var colon = FindAtSameDepth(tokens, caseIndex + 1, token => token.IsOperator(":") || token.IsOperator("="));
        return colon >= 0 && tokens[colon].IsOperator(":") ? colon : -1;
    }

    private ValidationFailure? CheckBareName(List<Token> tokens, int index, int depth)
    {
        var token = tokens[index];
        var name = token.Text;
        if (_policy.Builtins.TryGetValue(name, out var rule))
        {
            return Fail(rule, name, token);
        }

        if (_policy.Names.Contains(name))
        {
            return Fail(ValidationRules.BlockedName, name, token);
        }

        if (IsDunder(name) && !_assignableSpecialNames.Contains(name) && index + 1 < tokens.Count
            && tokens[index + 1].IsOperator("=") && IsStatementStart(tokens, index, depth))
        {
            return Fail(ValidationRules.BlockedName, name, token);
        }

        if (_aliases.TryGetValue(name, out var path))
        {
            if (CheckModulePath(path, token) is { } direct)
            {
                return direct;
            }

            if (_policy.PathFunctionLookup.Contains(LastPart(path)) && index + 1 < tokens.Count && tokens[index + 1].IsOperator("(")
                && CheckPathArgument(tokens, index, index + 1) is { } file)
            {
                return file;
            }

            // The dotted path grows in a reused buffer, because most chains pass and need no string of their own.
            var length = AppendToPath(0, path);
            for (var j = index; j + 2 < tokens.Count && tokens[j + 1].IsOperator(".") && tokens[j + 2].Kind == TokenKind.Name; j += 2)
            {
                length = AppendToPath(length, ".");
                length = AppendToPath(length, tokens[j + 2].Text);
                var dotted = _pathBuffer.AsSpan(0, length);
                if ((CheckAttributeName(tokens[j + 2].Text, tokens[j + 2]) ?? CheckModulePath(dotted, tokens[j + 2])) is { } member)
                {
                    return member;
                }
            }
        }

        return null;
    }

    private static ReadOnlySpan<char> LastPart(string dotted) => dotted.AsSpan(dotted.LastIndexOf('.') + 1);

    private int AppendToPath(int length, ReadOnlySpan<char> part)
    {
        if (length + part.Length > _pathBuffer.Length)
        {
            Array.Resize(ref _pathBuffer, Math.Max(_pathBuffer.Length * 2, length + part.Length));
        }

        part.CopyTo(_pathBuffer.AsSpan(length));
        return length + part.Length;
    }

    /// <summary>Checks a dotted path reached through an imported name against blocked members and submodules.</summary>
    private ValidationFailure? CheckModulePath(ReadOnlySpan<char> path, Token token)
    {
        if (_policy.ModuleMemberLookup.TryGetValue(path, out var rule))
        {
            return Fail(rule, path.ToString(), token);
        }

        if (path.Contains('.') && _policy.FindModule(path) is var (_, moduleRule))
        {
            return Fail(moduleRule == ValidationRules.FileAccess ? moduleRule : ValidationRules.BlockedModuleAttribute, path.ToString(), token);
        }

        return null;
    }

    private ValidationFailure? CheckAttribute(List<Token> tokens, int index)
    {
        var token = tokens[index];
        var name = token.Text;
        if (CheckAttributeName(name, token) is { } failure)
        {
            return failure;
        }

        if (name == "obj" && index >= 2 && tokens[index - 2].Kind == TokenKind.Name && _exceptionNames.Contains(tokens[index - 2].Text)
            && (index < 3 || !tokens[index - 3].IsOperator(".")))
        {
            return Fail(ValidationRules.BlockedAttribute, name, token);
        }

        if (index + 1 >= tokens.Count || !tokens[index + 1].IsOperator("("))
        {
            return null;
        }

        return name switch
        {
            "format" or "format_map" or "vformat" => CheckFormatCall(tokens, index),
            "query" => CheckQueryCall(tokens, index),
            _ when _policy.PathFunctions.Contains(name) => CheckPathArgument(tokens, index, index + 1),
            _ => null,
        };
    }

    private ValidationFailure? CheckAttributeName(string name, Token token)
    {
        if (_policy.Attributes.TryGetValue(name, out var rule))
        {
            return Fail(rule, name, token);
        }

        if (_policy.ModuleAttributeNames.Contains(name))
        {
            return Fail(ValidationRules.BlockedModuleAttribute, name, token);
        }

        return IsMangledPrivate(name) ? Fail(ValidationRules.BlockedAttribute, name, token) : null;
    }

    private readonly record struct Frame(bool IsCall);
}
