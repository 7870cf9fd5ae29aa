using System.Globalization;
using System.Text;

namespace OmcpSandbox.Validation.Tokenizing;

/// <summary>Decodes the backslash escapes of a non-raw string literal body as CPython 3.11 does.</summary>
internal static class EscapeDecoder
{
    private const char Unknown = '\uFFFD';

    public static string Decode(ReadOnlySpan<char> body, bool isBytes)
    {
        if (body.IndexOf('\\') < 0)
        {
            return body.ToString();
        }

        var builder = new StringBuilder(body.Length);
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c != '\\' || i + 1 >= body.Length)
            {
                builder.Append(c);
                i++;
                continue;
            }

            var next = body[i + 1];
            i += 2;
            switch (next)
            {
                case '\n':
                    break;
                case '\r':
                    if (i < body.Length && body[i] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\\' or '\'' or '"':
                    builder.Append(next);
                    break;
                case 'a': builder.Append('\a'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'v': builder.Append('\v'); break;
                case >= '0' and <= '7':
                    var octal = next - '0';
                    for (var count = 1; count < 3 && i < body.Length && body[i] is >= '0' and <= '7'; count++, i++)
                    {
                        octal = octal * 8 + body[i] - '0';
                    }

                    AppendCodePoint(builder, isBytes ? octal & 0xFF : octal);
                    break;
                case 'x':
                    i = AppendHex(builder, body, i, 2);
                    break;
                case 'u' when !isBytes:
                    i = AppendHex(builder, body, i, 4);
                    break;
                case 'U' when !isBytes:
                    i = AppendHex(builder, body, i, 8);
                    break;
                case 'N' when !isBytes && i < body.Length && body[i] == '{':
                    var close = body[i..].IndexOf('}');
                    if (close < 0)
                    {
                        builder.Append(Unknown);
                        i = body.Length;
                        break;
                    }

                    builder.Append(LookUpName(body.Slice(i + 1, close - 1)));
                    i += close + 1;
                    break;
                default:
                    builder.Append('\\').Append(next);
                    break;
            }
        }

        return builder.ToString();
    }

    private static int AppendHex(StringBuilder builder, ReadOnlySpan<char> body, int start, int digits)
    {
        if (start + digits <= body.Length
            && int.TryParse(body.Slice(start, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            AppendCodePoint(builder, value);
            return start + digits;
        }

        builder.Append(Unknown);
        return body.Length;
    }

    private static void AppendCodePoint(StringBuilder builder, int value)
    {
        if (Rune.IsValid(value))
        {
            builder.Append(new Rune(value).ToString());
        }
        else
        {
            builder.Append(Unknown);
        }
    }

    // NOTE: only the names of ASCII letters, digits, LOW LINE and FULL STOP are known; every other \N{...} decodes
    // to U+FFFD. That is enough to spell any blocked name, which are all ASCII, but not to decode arbitrary text.
    private static char LookUpName(ReadOnlySpan<char> name)
    {
        var upper = name.ToString().ToUpperInvariant();
        const string small = "LATIN SMALL LETTER ";
        const string capital = "LATIN CAPITAL LETTER ";
        const string digit = "DIGIT ";
        if (upper.Length == small.Length + 1 && upper.StartsWith(small, StringComparison.Ordinal) && char.IsAsciiLetterUpper(upper[^1]))
        {
            return char.ToLowerInvariant(upper[^1]);
        }

        if (upper.Length == capital.Length + 1 && upper.StartsWith(capital, StringComparison.Ordinal) && char.IsAsciiLetterUpper(upper[^1]))
        {
            return upper[^1];
        }

        string[] digits = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"];
        if (upper.StartsWith(digit, StringComparison.Ordinal) && Array.IndexOf(digits, upper[digit.Length..]) is var index and >= 0)
        {
            return (char)('0' + index);
        }

        return upper switch
        {
            "LOW LINE" => '_',
            "FULL STOP" => '.',
            "SPACE" => ' ',
            _ => Unknown,
        };
    }
}
