using System.Text;

namespace OmcpSandbox.Omop.Sql;

/// <summary>
/// Splits SQL text into tokens by PostgreSQL's lexical rules (PostgreSQL 15 manual, section 4.1), assuming
/// <c>standard_conforming_strings = on</c>, the default since PostgreSQL 9.1, so a backslash in <c>'...'</c> is an
/// ordinary character.
/// </summary>
/// <remarks>
/// Comments, dollar quotes, escape strings and Unicode escapes come back as tokens of their own kind so that the policy
/// can reject them by name; the lexer throws only for text PostgreSQL itself could not tokenize.
/// </remarks>
public static class SqlLexer
{
    private const string OperatorCharacters = "+-*/<>=~!@#%^&|`?";
    private const string OperatorCharactersAllowingTrailingSign = "~!@#%^&|`?";

    /// <summary>Tokenizes <paramref name="sql"/>, skipping white space.</summary>
    /// <exception cref="SqlPolicyException">The text has an unterminated literal or comment, or an invalid character.</exception>
    public static IReadOnlyList<SqlToken> Tokenize(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = new List<SqlToken>();
        var position = 0;
        while (position < sql.Length)
        {
            var c = sql[position];
            if (char.IsWhiteSpace(c))
            {
                position++;
                continue;
            }

            var token = ReadToken(sql, position);
            tokens.Add(token);
            position += token.Text.Length;
        }

        return tokens;
    }

    private static SqlToken ReadToken(string sql, int start)
    {
        var c = sql[start];
        var next = start + 1 < sql.Length ? sql[start + 1] : '\0';

        if (c == '-' && next == '-')
        {
            var end = sql.IndexOf('\n', start);
            return Token(SqlTokenKind.Comment, sql, start, end < 0 ? sql.Length : end);
        }

        if (c == '/' && next == '*')
        {
            return Token(SqlTokenKind.Comment, sql, start, SkipBlockComment(sql, start));
        }

        if ((c is 'e' or 'E') && next == '\'')
        {
            var end = SkipEscapeString(sql, start + 1);
            return Token(SqlTokenKind.EscapeString, sql, start, end);
        }

        if ((c is 'u' or 'U') && next == '&' && start + 2 < sql.Length && sql[start + 2] is '\'' or '"')
        {
            var end = sql[start + 2] == '\'' ? ReadQuoted(sql, start + 2, '\'').End : ReadQuoted(sql, start + 2, '"').End;
            return Token(SqlTokenKind.UnicodeEscape, sql, start, end);
        }

        if ((c is 'b' or 'B' or 'x' or 'X' or 'n' or 'N') && next == '\'')
        {
            var (end, content) = ReadQuoted(sql, start + 1, '\'');
            return new SqlToken(SqlTokenKind.String, sql[start..end], content, start);
        }

        if (c == '\'')
        {
            var (end, content) = ReadQuoted(sql, start, '\'');
            return new SqlToken(SqlTokenKind.String, sql[start..end], content, start);
        }

        if (c == '"')
        {
            var (end, content) = ReadQuoted(sql, start, '"');
            if (content.Length == 0)
            {
                throw Malformed("A zero-length quoted identifier (\"\") is not valid", start);
            }

            return new SqlToken(SqlTokenKind.QuotedIdentifier, sql[start..end], content, start);
        }

        if (c == '$')
        {
            return ReadDollar(sql, start);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(next)))
        {
            return Token(SqlTokenKind.Number, sql, start, SkipNumber(sql, start));
        }

        if (IsIdentifierStart(c))
        {
            var end = start + 1;
            while (end < sql.Length && IsIdentifierPart(sql[end]))
            {
                end++;
            }

            var text = sql[start..end];
            return new SqlToken(SqlTokenKind.Identifier, text, FoldAscii(text), start);
        }

        if (c == ':' && next == ':')
        {
            return Token(SqlTokenKind.Punctuation, sql, start, start + 2);
        }

        if (c is '(' or ')' or '[' or ']' or ',' or ';' or ':' or '.')
        {
            return Token(SqlTokenKind.Punctuation, sql, start, start + 1);
        }

        if (OperatorCharacters.Contains(c))
        {
            return Token(SqlTokenKind.Operator, sql, start, SkipOperator(sql, start));
        }

        throw Malformed($"The character '{c}' (U+{(int)c:X4}) is not valid in PostgreSQL SQL", start);
    }

    private static SqlToken Token(SqlTokenKind kind, string sql, int start, int end)
    {
        var text = sql[start..end];
        return new SqlToken(kind, text, text, start);
    }

    private static int SkipBlockComment(string sql, int start)
    {
        // PostgreSQL block comments nest, so a '*/' inside an inner comment does not end the outer one.
        var depth = 0;
        var position = start;
        while (position + 1 < sql.Length)
        {
            if (sql[position] == '/' && sql[position + 1] == '*')
            {
                depth++;
                position += 2;
            }
            else if (sql[position] == '*' && sql[position + 1] == '/')
            {
                depth--;
                position += 2;
                if (depth == 0)
                {
                    return position;
                }
            }
            else
            {
                position++;
            }
        }

        throw Malformed("The block comment is not terminated", start);
    }

    private static (int End, string Content) ReadQuoted(string sql, int start, char quote)
    {
        var content = new StringBuilder();
        var position = start + 1;
        while (position < sql.Length)
        {
            if (sql[position] == quote)
            {
                if (position + 1 < sql.Length && sql[position + 1] == quote)
                {
                    content.Append(quote);
                    position += 2;
                    continue;
                }

                return (position + 1, content.ToString());
            }

            content.Append(sql[position]);
            position++;
        }

        var what = quote == '\'' ? "string constant" : "quoted identifier";
        throw Malformed($"The {what} is not terminated", start);
    }

    private static int SkipEscapeString(string sql, int quoteStart)
    {
        var position = quoteStart + 1;
        while (position < sql.Length)
        {
            var c = sql[position];
            if (c == '\\')
            {
                position += 2;
                continue;
            }

            if (c == '\'')
            {
                if (position + 1 < sql.Length && sql[position + 1] == '\'')
                {
                    position += 2;
                    continue;
                }

                return position + 1;
            }

            position++;
        }

        throw Malformed("The escape string constant is not terminated", quoteStart - 1);
    }

    private static SqlToken ReadDollar(string sql, int start)
    {
        var position = start + 1;
        if (position < sql.Length && char.IsAsciiDigit(sql[position]))
        {
            while (position < sql.Length && char.IsAsciiDigit(sql[position]))
            {
                position++;
            }

            return Token(SqlTokenKind.Parameter, sql, start, position);
        }

        while (position < sql.Length && IsDollarTagCharacter(sql[position], position == start + 1))
        {
            position++;
        }

        if (position >= sql.Length || sql[position] != '$')
        {
            throw Malformed("A '$' must start a dollar quote ($tag$) or a parameter ($1)", start);
        }

        var delimiter = sql[start..(position + 1)];
        var close = sql.IndexOf(delimiter, position + 1, StringComparison.Ordinal);
        if (close < 0)
        {
            throw Malformed($"The dollar-quoted string {delimiter} is not terminated", start);
        }

        return Token(SqlTokenKind.DollarQuoted, sql, start, close + delimiter.Length);
    }

    private static int SkipNumber(string sql, int start)
    {
        var position = start;
        while (position < sql.Length && char.IsAsciiDigit(sql[position]))
        {
            position++;
        }

        // "1..5" is not a number followed by ".5" in PostgreSQL's grammar either, so one '.' is taken at most.
        if (position < sql.Length && sql[position] == '.' && !(position + 1 < sql.Length && sql[position + 1] == '.'))
        {
            position++;
            while (position < sql.Length && char.IsAsciiDigit(sql[position]))
            {
                position++;
            }
        }

        if (position < sql.Length && sql[position] is 'e' or 'E')
        {
            var exponent = position + 1;
            if (exponent < sql.Length && sql[exponent] is '+' or '-')
            {
                exponent++;
            }

            if (exponent < sql.Length && char.IsAsciiDigit(sql[exponent]))
            {
                position = exponent;
                while (position < sql.Length && char.IsAsciiDigit(sql[position]))
                {
                    position++;
                }
            }
        }

        return position;
    }

    private static int SkipOperator(string sql, int start)
    {
        var end = start;
        while (end < sql.Length && OperatorCharacters.Contains(sql[end]))
        {
            // A comment start ends the operator: "x+--y" is "x", "+" and a comment.
            if (end + 1 < sql.Length && ((sql[end] == '-' && sql[end + 1] == '-') || (sql[end] == '/' && sql[end + 1] == '*')))
            {
                break;
            }

            end++;
        }

        if (end == start)
        {
            return start + 1;
        }

        // A multi-character operator ends in + or - only if it contains one of ~ ! @ # % ^ & | ` ?, so "=-1" is "=", "-1".
        var text = sql.AsSpan(start, end - start);
        if (text.Length > 1 && text.IndexOfAny(OperatorCharactersAllowingTrailingSign) < 0)
        {
            while (text.Length > 1 && text[^1] is '+' or '-')
            {
                text = text[..^1];
            }
        }

        return start + text.Length;
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_' || c >= '\u0080';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || char.IsAsciiDigit(c) || c == '$';

    private static bool IsDollarTagCharacter(char c, bool first) =>
        char.IsAsciiLetter(c) || c == '_' || c >= '\u0080' || (!first && char.IsAsciiDigit(c));

    private static string FoldAscii(string text)
    {
        // PostgreSQL folds only ASCII letters of unquoted names in UTF-8 databases.
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] + 32) : source[i];
            }
        });
    }

    private static SqlPolicyException Malformed(string message, int position) =>
        new(SqlRejectionReason.Malformed, $"{message} (at offset {position}); check the quoting of the statement.", position);
}
