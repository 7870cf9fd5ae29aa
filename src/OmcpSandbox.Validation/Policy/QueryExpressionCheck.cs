using OmcpSandbox.Validation.Tokenizing;

namespace OmcpSandbox.Validation.Policy;

/// <summary>
/// Checks the expression string given to pandas <c>DataFrame.query</c>, which pandas parses with CPython's
/// <c>ast</c> and evaluates itself: an <c>@local</c> followed by <c>.</c>, <c>(</c> or <c>[</c> reaches any object
/// in the caller's scope, and attribute access on columns reaches the same internals as ordinary code.
/// </summary>
internal static class QueryExpressionCheck
{
    /// <summary>Returns the offending part of the expression, or null when it may run.</summary>
    public static string? FindProblem(string expression, CompiledPolicy policy)
    {
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (c is '\'' or '"' or '`')
            {
                var close = expression.IndexOf(c, i + 1);
                i = close < 0 ? expression.Length : close + 1;
                continue;
            }

            if (c == '@')
            {
                var end = ReadIdentifier(expression, i + 1);
                var next = SkipSpaces(expression, end);
                if (next < expression.Length && expression[next] is '.' or '(' or '[')
                {
                    return expression[i..end];
                }

                i = Math.Max(end, i + 1);
                continue;
            }

            if (IsIdentifierStart(c))
            {
                var end = ReadIdentifier(expression, i);
                var name = IdentifierFolding.Fold(expression.AsSpan(i, end - i));
                var isAttribute = PreviousNonSpace(expression, i) == '.';
                var isDunder = name.Length > 4 && name.StartsWith("__", StringComparison.Ordinal) && name.EndsWith("__", StringComparison.Ordinal);
                if (isDunder || isAttribute && (policy.Attributes.ContainsKey(name) || policy.ModuleAttributeNames.Contains(name)))
                {
                    return name;
                }

                i = end;
                continue;
            }

            i++;
        }

        return null;
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_' || c > 127;

    private static int ReadIdentifier(string text, int start)
    {
        var i = start;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_' || text[i] > 127))
        {
            i++;
        }

        return i;
    }

    private static int SkipSpaces(string text, int start)
    {
        var i = start;
        while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\r')
        {
            i++;
        }

        return i;
    }

    private static char PreviousNonSpace(string text, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            if (text[i] is not ' ' and not '\t' and not '\n' and not '\r')
            {
                return text[i];
            }
        }

        return '\0';
    }
}
