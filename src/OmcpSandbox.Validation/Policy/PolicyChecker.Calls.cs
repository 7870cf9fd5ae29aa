using System.Text;
using OmcpSandbox.Validation.Tokenizing;

namespace OmcpSandbox.Validation.Policy;

internal sealed partial class PolicyChecker
{
    /// <summary>
    /// Checks <c>obj['__globals__']</c> and folded forms such as <c>obj['__glo' + 'bals__']</c>. A key that only
    /// spells a plain blocked built-in (<c>row['eval']</c>) is data, because the built-ins mapping itself is blocked.
    /// </summary>
    private ValidationFailure? CheckSubscript(List<Token> tokens, int open, int close)
    {
        if (close <= open + 1)
        {
            return null;
        }

        var key = ConstantFolder.FoldString(tokens, open + 1, close);
        if (key is not null && _policy.Attributes.TryGetValue(key, out var rule) && rule == ValidationRules.BlockedAttribute
            && (IsDunder(key) || !_policy.Builtins.ContainsKey(key)))
        {
            return Fail(ValidationRules.BlockedAttribute, key, FirstInside(tokens, open + 1, close));
        }

        return null;
    }

    private ValidationFailure? CheckKeywordArgument(List<Token> tokens, int index)
    {
        if (tokens[index].Text != "allow_pickle")
        {
            return null;
        }

        var valueEnd = FindAtSameDepth(tokens, index + 2, token => token.IsOperator(","));
        var isFalse = index + 2 < tokens.Count && tokens[index + 2].IsName("False")
            && (valueEnd == index + 3 || index + 3 < tokens.Count && tokens[index + 3].IsOperator(")"));
        return isFalse ? null : Fail(ValidationRules.BlockedArgument, "allow_pickle", tokens[index]);
    }

    /// <summary>Checks the constant format strings of <c>'...'.format(...)</c>, <c>format_map</c> and <c>vformat</c>.</summary>
    private ValidationFailure? CheckFormatCall(List<Token> tokens, int index)
    {
        var receiverEnd = index - 2;
        if (receiverEnd >= 0 && tokens[receiverEnd].Kind == TokenKind.String)
        {
            var start = receiverEnd;
            while (start > 0 && tokens[start - 1].Kind == TokenKind.String)
            {
                start--;
            }

            if (CheckFormatString(tokens, start, receiverEnd + 1) is { } failure)
            {
                return failure;
            }
        }
        else if (receiverEnd > 0 && tokens[receiverEnd].IsOperator(")") && tokens[receiverEnd].Pair is var open
            && (open == 0 || !tokens[open - 1].EndsOperand)
            && CheckFormatString(tokens, open + 1, receiverEnd) is { } grouped)
        {
            return grouped;
        }

        var arguments = SplitArguments(tokens, index + 1);
        if (arguments.Count > 0 && !IsKeywordArgument(tokens, arguments[0]))
        {
            return CheckFormatString(tokens, arguments[0].Start, arguments[0].End);
        }

        return null;
    }

    private ValidationFailure? CheckFormatString(List<Token> tokens, int start, int end)
    {
        if (start >= end || ConstantFolder.FoldString(tokens, start, end) is not { } format)
        {
            return null;
        }

        var blocked = FormatFieldParser.FindBlocked(format, IsBlockedFieldName);
        return blocked is null ? null : Fail(ValidationRules.BlockedFormatField, blocked, FirstInside(tokens, start, end));
    }

    // CPython places a parenthesized expression at its first token inside the parentheses.
    private static Token FirstInside(List<Token> tokens, int start, int end)
    {
        var i = start;
        while (i + 1 < end && tokens[i].IsOperator("("))
        {
            i++;
        }

        return tokens[i];
    }

    private bool IsBlockedFieldName(string name) =>
        _policy.Attributes.ContainsKey(name) || _policy.ModuleAttributeNames.Contains(name) || IsMangledPrivate(name);

    /// <summary>Checks the expression of pandas <c>DataFrame.query</c>, which must be one constant string.</summary>
    private ValidationFailure? CheckQueryCall(List<Token> tokens, int index)
    {
        var arguments = SplitArguments(tokens, index + 1);
        (int Start, int End)? expression = null;
        foreach (var argument in arguments)
        {
            if (!IsKeywordArgument(tokens, argument))
            {
                expression = argument;
                break;
            }
        }

        expression ??= arguments
            .Where(argument => IsKeywordArgument(tokens, argument) && tokens[argument.Start].Text == "expr")
            .Select(argument => ((int, int)?)(argument.Start + 2, argument.End))
            .FirstOrDefault();
        if (expression is not var (start, end))
        {
            return null;
        }

        var builder = new StringBuilder();
        for (var i = start; i < end; i++)
        {
            if (tokens[i] is not { Kind: TokenKind.String, Literal: { IsBytes: false, IsFormatted: false, Value: { } value } })
            {
                return Fail(ValidationRules.BlockedExpression, "query", tokens[start]);
            }

            builder.Append(value);
        }

        var problem = QueryExpressionCheck.FindProblem(builder.ToString(), _policy);
        return problem is null ? null : Fail(ValidationRules.BlockedExpression, problem, tokens[start]);
    }

    /// <summary>
    /// Checks a call of a file reader or writer: its first positional argument and its path keywords must be an
    /// in-memory buffer or <c>None</c>.
    /// </summary>
    private ValidationFailure? CheckPathArgument(List<Token> tokens, int nameIndex, int open)
    {
        var arguments = SplitArguments(tokens, open);
        var isFirstPositional = true;
        foreach (var argument in arguments)
        {
            var isKeyword = IsKeywordArgument(tokens, argument);
            var isPath = isKeyword ? _policy.PathKeywords.Contains(tokens[argument.Start].Text) : isFirstPositional;
            if (tokens[argument.Start].IsOperator("**"))
            {
                continue;
            }

            if (!isKeyword)
            {
                isFirstPositional = false;
            }

            var valueStart = isKeyword ? argument.Start + 2 : argument.Start;
            if (isPath && !IsInMemory(tokens, valueStart, argument.End))
            {
                return Fail(ValidationRules.FileAccess, tokens[nameIndex].Text, tokens[nameIndex]);
            }
        }

        return null;
    }

    // NOTE: a name counts as a buffer when any plain assignment in the code gives it one, wherever it sits, so
    // rebinding it to a path in a branch the walk does not follow is not caught.
    private bool IsInMemory(List<Token> tokens, int start, int end)
    {
        if (end == start + 1 && tokens[start].Kind == TokenKind.Name)
        {
            return tokens[start].Text == "None" || _bufferNames.Contains(tokens[start].Text);
        }

        return IsBufferCall(tokens, start, out var callEnd) && callEnd == end - 1;
    }

    private static bool IsKeywordArgument(List<Token> tokens, (int Start, int End) argument) =>
        argument.End > argument.Start + 1 && tokens[argument.Start].Kind == TokenKind.Name && tokens[argument.Start + 1].IsOperator("=");

    /// <summary>Splits the arguments between the bracket at <paramref name="open"/> and its pair at top-level commas.</summary>
    private List<(int Start, int End)> SplitArguments(List<Token> tokens, int open)
    {
        var close = tokens[open].Pair;
        var arguments = new List<(int Start, int End)>();
        if (close < 0)
        {
            return arguments;
        }

        var start = open + 1;
        for (var i = open + 1; i < close; i++)
        {
            if (tokens[i].Kind == TokenKind.Operator && tokens[i].Text is "(" or "[" or "{")
            {
                i = tokens[i].Pair;
            }
            else if (tokens[i].IsOperator(","))
            {
                if (i > start)
                {
                    arguments.Add((start, i));
                }

                start = i + 1;
            }
        }

        if (close > start)
        {
            arguments.Add((start, close));
        }

        return arguments;
    }
}
