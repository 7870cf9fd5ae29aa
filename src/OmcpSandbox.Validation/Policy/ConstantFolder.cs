using System.Numerics;
using System.Text;
using OmcpSandbox.Validation.Tokenizing;

namespace OmcpSandbox.Validation.Policy;

/// <summary>
/// Evaluates a constant string expression made of plain string literals, integer literals, <c>+</c>, <c>*</c> and
/// parentheses, so that <c>'__glo' + 'bals__'</c> and <c>'_' * 2 + 'class'</c> are seen as the names they build.
/// </summary>
internal static class ConstantFolder
{
    /// <summary>Results longer than this are not folded; no blocked name comes near it.</summary>
    public const int MaxLength = 1000;

    /// <summary>Returns the string the tokens in [start, end) evaluate to, or null when they are not such an expression.</summary>
    public static string? FoldString(List<Token> tokens, int start, int end)
    {
        var position = start;
        var value = ParseSum(tokens, ref position, end);
        return position == end ? value as string : null;
    }

    private static object? ParseSum(List<Token> tokens, ref int position, int end)
    {
        var left = ParseProduct(tokens, ref position, end);
        while (left is not null && position < end && tokens[position].IsOperator("+"))
        {
            position++;
            var right = ParseProduct(tokens, ref position, end);
            left = (left, right) switch
            {
                (string a, string b) when a.Length + b.Length <= MaxLength => a + b,
                (BigInteger a, BigInteger b) => a + b,
                _ => null,
            };
        }

        return left;
    }

    private static object? ParseProduct(List<Token> tokens, ref int position, int end)
    {
        var left = ParseAtom(tokens, ref position, end);
        while (left is not null && position < end && tokens[position].IsOperator("*"))
        {
            position++;
            var right = ParseAtom(tokens, ref position, end);
            left = (left, right) switch
            {
                (string text, BigInteger count) => Repeat(text, count),
                (BigInteger count, string text) => Repeat(text, count),
                (BigInteger a, BigInteger b) => a * b,
                _ => null,
            };
        }

        return left;
    }

    private static object? ParseAtom(List<Token> tokens, ref int position, int end)
    {
        if (position >= end)
        {
            return null;
        }

        var token = tokens[position];
        if (token.Kind == TokenKind.String)
        {
            // A lone literal, the usual subscript key, needs no builder.
            if (token.Literal is { IsBytes: false, IsFormatted: false, Value: { } single }
                && (position + 1 >= end || tokens[position + 1].Kind != TokenKind.String))
            {
                position++;
                return single.Length <= MaxLength ? single : null;
            }

            var builder = new StringBuilder();
            while (position < end && tokens[position] is { Kind: TokenKind.String, Literal: { } literal })
            {
                if (literal.IsBytes || literal.IsFormatted)
                {
                    return null;
                }

                builder.Append(literal.Value);
                position++;
            }

            return builder.Length <= MaxLength ? builder.ToString() : null;
        }

        if (token.Kind == TokenKind.Number)
        {
            position++;
            return ParseInteger(token.Text);
        }

        if (token.IsOperator("("))
        {
            position++;
            var inner = ParseSum(tokens, ref position, end);
            if (position >= end || !tokens[position].IsOperator(")"))
            {
                return null;
            }

            position++;
            return inner;
        }

        return null;
    }

    private static string? Repeat(string text, BigInteger count)
    {
        if (count <= 0)
        {
            return "";
        }

        if (count * text.Length > MaxLength)
        {
            return null;
        }

        return new StringBuilder().Insert(0, text, (int)count).ToString();
    }

    /// <summary>Parses a Python integer literal in any base, with underscores; returns null for other numbers.</summary>
    public static object? ParseInteger(string text)
    {
        var digits = text.Replace("_", "", StringComparison.Ordinal);
        var radix = 10;
        if (digits.Length > 2 && digits[0] == '0' && char.ToLowerInvariant(digits[1]) is 'x' or 'o' or 'b')
        {
            radix = char.ToLowerInvariant(digits[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            digits = digits[2..];
        }

        var value = BigInteger.Zero;
        foreach (var c in digits)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigit(c) ? char.ToLowerInvariant(c) - 'a' + 10 : radix;
            if (digit >= radix)
            {
                return null;
            }

            value = value * radix + digit;
        }

        return digits.Length == 0 ? null : value;
    }
}
