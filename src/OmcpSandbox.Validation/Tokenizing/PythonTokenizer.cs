using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace OmcpSandbox.Validation.Tokenizing;

/// <summary>
/// Splits Python 3.11 source into tokens the way CPython's tokenizer does: string prefixes, triple quotes, f-strings
/// with their replacement fields tokenized in turn, line continuations, comments, brackets and indentation.
/// Identifiers are folded with <see cref="IdentifierFolding"/>, since CPython normalises them with NFKC.
/// </summary>
/// <remarks>
/// It checks what a tokenizer can: strings, brackets, indentation, characters and f-string fields. Errors of the
/// grammar beyond that are left to CPython's parser in the sandbox.
/// </remarks>
internal sealed partial class PythonTokenizer
{
    private const int TabSize = 8;

    private readonly string _source;
    private readonly int _end;
    private readonly bool _isExpression;
    private readonly InternPool _pool;
    private readonly List<Token> _tokens;
    private readonly List<(char Bracket, int Line, int Column, int TokenIndex)> _brackets = [];
    private readonly List<(int Column, int AlternateColumn)> _indents = [(0, 0)];
    private int _position;
    private int _line;
    private int _column;
    private int _logicalLineStart;

    private PythonTokenizer(
        string source, int start, int end, int line, int column, bool isExpression, InternPool pool, List<Token> tokens)
    {
        _pool = pool;
        _tokens = tokens;
        _source = source;
        _position = start;
        _end = end;
        _line = line;
        _column = column;
        _isExpression = isExpression;
    }

    /// <summary>Tokenizes a whole module.</summary>
    /// <exception cref="PythonSyntaxException">The source does not tokenize.</exception>
    public static List<Token> Tokenize(string source)
    {
        var tokens = new List<Token>();
        Tokenize(source, tokens);
        return tokens;
    }

    /// <summary>Tokenizes a whole module, appending the tokens to <paramref name="tokens"/>.</summary>
    /// <exception cref="PythonSyntaxException">The source does not tokenize.</exception>
    public static void Tokenize(string source, List<Token> tokens)
    {
        var tokenizer = new PythonTokenizer(source, 0, source.Length, 1, 1, isExpression: false, new InternPool(), tokens);
        tokenizer.Run();
    }

    private static PythonSyntaxException Error(string message, int line, int column) => new(message, line, column);

    private char Current => _source[_position];

    private char Peek(int offset) => _position + offset < _end ? _source[_position + offset] : '\0';

    private void Advance()
    {
        var c = _source[_position++];
        if (c == '\n' || c == '\r' && (_position >= _end || _source[_position] != '\n'))
        {
            _line++;
            _column = 1;
        }
        else if (!char.IsLowSurrogate(c) && c != '\r')
        {
            _column++;
        }
    }

    private void Run()
    {
        var atLineStart = !_isExpression;
        while (true)
        {
            if (atLineStart)
            {
                if (ReadIndentation())
                {
                    continue;
                }

                atLineStart = false;
            }

            SkipSpaces();
            if (_position >= _end)
            {
                Finish();
                return;
            }

            var c = Current;
            if (c == '#')
            {
                if (_isExpression)
                {
                    throw Error("f-string expression part cannot include '#'", _line, _column);
                }

                SkipComment();
            }
            else if (c == '\\')
            {
                ReadContinuation();
            }
            else if (c is '\n' or '\r')
            {
                var line = _line;
                var column = _column;
                Advance();
                if (_brackets.Count == 0 && !_isExpression)
                {
                    AddNewline(line, column);
                    atLineStart = true;
                }
            }
            else if (char.IsAsciiLetter(c) || c == '_' || c > 127)
            {
                ReadNameOrString();
            }
            else if (char.IsAsciiDigit(c) || c == '.' && char.IsAsciiDigit(Peek(1)))
            {
                ReadNumber();
            }
            else if (c is '\'' or '"')
            {
                ReadString(_position, _line, _column);
            }
            else
            {
                ReadOperator();
            }
        }
    }

    private void SkipSpaces()
    {
        // Runs of spaces are short, so a plain loop beats a vectorised search here.
        var position = _position;
        while (position < _end && _source[position] is ' ' or '\t' or '\f')
        {
            position++;
        }

        SkipAscii(position - _position);
    }

    private void SkipComment()
    {
        var length = _source.AsSpan(_position, _end - _position).IndexOfAny('\n', '\r');
        SkipWithinLine(length < 0 ? _end - _position : length);
    }

    /// <summary>Moves past <paramref name="count"/> ASCII characters that contain no line break.</summary>
    private void SkipAscii(int count)
    {
        _position += count;
        _column += count;
    }

    /// <summary>Moves past <paramref name="count"/> characters that contain no line break.</summary>
    private void SkipWithinLine(int count)
    {
        var skipped = _source.AsSpan(_position, count);
        _column += System.Text.Ascii.IsValid(skipped) ? count : count - CountLowSurrogates(skipped);
        _position += count;
    }

    private static int CountLowSurrogates(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c))
            {
                count++;
            }
        }

        return count;
    }

    private void ReadContinuation()
    {
        var line = _line;
        var column = _column;
        Advance();
        if (_position >= _end)
        {
            throw Error("unexpected EOF while parsing", line, column);
        }

        if (Current is not '\n' and not '\r')
        {
            throw Error("unexpected character after line continuation character", line, column + 1);
        }

        Advance();
    }

    private void AddNewline(int line, int column)
    {
        if (_tokens.Count > _logicalLineStart)
        {
            NoteLogicalLineEnd();
            _tokens.Add(new Token(TokenKind.Newline, "\n", line, column));
        }

        _logicalLineStart = _tokens.Count;
    }

    private void Finish()
    {
        if (_brackets.Count > 0)
        {
            var (bracket, line, column, _) = _brackets[^1];
            throw Error($"'{bracket}' was never closed", line, column);
        }

        if (_isExpression)
        {
            return;
        }

        AddNewline(_line, _column);
        CheckBlockExpected(_line, _column);
        for (var i = 1; i < _indents.Count; i++)
        {
            _tokens.Add(new Token(TokenKind.Dedent, "", _line, _column));
        }

        _tokens.Add(new Token(TokenKind.EndOfInput, "", _line, _column));
    }

    private void ReadNameOrString()
    {
        var start = _position;
        var line = _line;
        var column = _column;
        var isAscii = true;

        // Most identifiers are all ASCII; this loop finds their end without updating fields per character.
        var asciiEnd = _position;
        while (asciiEnd < _end && (char.IsAsciiLetterOrDigit(_source[asciiEnd]) || _source[asciiEnd] == '_'))
        {
            asciiEnd++;
        }

        SkipAscii(asciiEnd - _position);
        while (_position < _end)
        {
            var c = Current;
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                _position++;
                _column++;
            }
            else if (c > 127)
            {
                isAscii = false;
                Advance();
            }
            else
            {
                break;
            }
        }

        var text = _source.AsSpan(start, _position - start);
        if (isAscii && _position < _end && Current is '\'' or '"' && IsStringPrefix(text))
        {
            ReadString(start, line, column);
            return;
        }

        if (isAscii)
        {
            _tokens.Add(new Token(TokenKind.Name, _pool.Intern(text), line, column));
            return;
        }

        CheckIdentifierCharacters(text, line, column);
        var folded = IdentifierFolding.Fold(text);
        if (Keywords.IsKeyword(folded))
        {
            // CPython matches keywords before normalising, so a look-alike keyword is a name the parser rejects.
            throw Error("invalid syntax", line, column);
        }

        _tokens.Add(new Token(TokenKind.Name, _pool.Intern(folded), line, column));
    }

    private static bool IsStringPrefix(ReadOnlySpan<char> text)
    {
        if (text.Length is 0 or > 2)
        {
            return false;
        }

        var hasRaw = false;
        var hasOther = false;
        foreach (var c in text)
        {
            switch (char.ToLowerInvariant(c))
            {
                case 'r' when !hasRaw:
                    hasRaw = true;
                    break;
                case 'b' or 'f' when !hasOther:
                    hasOther = true;
                    break;
                case 'u' when text.Length == 1:
                    hasOther = true;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    private static void CheckIdentifierCharacters(ReadOnlySpan<char> text, int line, int column)
    {
        var isFirst = true;
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value > 127 && !IsIdentifierRune(rune, isFirst))
            {
                throw Error($"invalid character '{rune}' (U+{rune.Value:X4})", line, column);
            }

            isFirst = false;
            column++;
        }
    }

    private static bool IsIdentifierRune(Rune rune, bool isFirst)
    {
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber:
                return true;
            case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation:
                return !isFirst;
            default:
                // Other_ID_Start and Other_ID_Continue characters of Unicode's identifier definition.
                return rune.Value is 0x2118 or 0x212E or 0x309B or 0x309C
                    || !isFirst && rune.Value is 0x00B7 or 0x0387 or (>= 0x1369 and <= 0x1371) or 0x19DA;
        }
    }

    private void ReadNumber()
    {
        var start = _position;
        var line = _line;
        var column = _column;
        while (_position < _end)
        {
            var c = Current;
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.')
            {
                var isExponent = c is 'e' or 'E' && !IsHexNumber(start);
                Advance();
                if (isExponent && _position < _end && Current is '+' or '-')
                {
                    Advance();
                }
            }
            else
            {
                break;
            }
        }

        _tokens.Add(new Token(TokenKind.Number, _pool.Intern(_source.AsSpan(start, _position - start)), line, column));
    }

    private bool IsHexNumber(int start) => _source[start] == '0' && start + 1 < _end && _source[start + 1] is 'x' or 'X';

    private void ReadOperator()
    {
        var line = _line;
        var column = _column;
        var text = MatchOperator();
        if (text is null)
        {
            var rune = Rune.GetRuneAt(_source, _position);
            throw rune.Value > 127
                ? Error($"invalid character '{rune}' (U+{rune.Value:X4})", line, column)
                : Error("invalid syntax", line, column);
        }

        for (var i = 0; i < text.Length; i++)
        {
            Advance();
        }

        var pair = -1;
        switch (text)
        {
            case "(" or "[" or "{":
                _brackets.Add((text[0], line, column, _tokens.Count));
                break;
            case ")" or "]" or "}":
                pair = CloseBracket(text[0], line, column);
                break;
        }

        _tokens.Add(new Token(TokenKind.Operator, text, line, column, Pair: pair));
    }

    /// <summary>Pops the bracket that <paramref name="bracket"/> closes, links it to the closing token and returns its index.</summary>
    private int CloseBracket(char bracket, int line, int column)
    {
        if (_brackets.Count == 0)
        {
            throw Error($"unmatched '{bracket}'", line, column);
        }

        var (open, openLine, _, openIndex) = _brackets[^1];
        var expected = open switch { '(' => ')', '[' => ']', _ => '}' };
        if (bracket != expected)
        {
            var where = openLine == line ? "" : $" on line {openLine}";
            throw Error($"closing parenthesis '{bracket}' does not match opening parenthesis '{open}'{where}", line, column);
        }

        _brackets.RemoveAt(_brackets.Count - 1);
        ref var opening = ref CollectionsMarshal.AsSpan(_tokens)[openIndex];
        opening = opening with { Pair = _tokens.Count };
        return openIndex;
    }

    private string? MatchOperator()
    {
        var c = Current;
        var next = Peek(1);
        var third = Peek(2);
        switch (c)
        {
            case '(': return "(";
            case ')': return ")";
            case '[': return "[";
            case ']': return "]";
            case '{': return "{";
            case '}': return "}";
            case ',': return ",";
            case ';': return ";";
            case '~': return "~";
            case '.': return next == '.' && third == '.' ? "..." : ".";
            case ':': return next == '=' ? ":=" : ":";
            case '=': return next == '=' ? "==" : "=";
            case '!': return next == '=' ? "!=" : null;
            case '-' when next == '=': return "-=";
            case '-' when next == '>': return "->";
            case '-': return "-";
            case '+': return next == '=' ? "+=" : "+";
            case '%': return next == '=' ? "%=" : "%";
            case '&': return next == '=' ? "&=" : "&";
            case '|': return next == '=' ? "|=" : "|";
            case '^': return next == '=' ? "^=" : "^";
            case '@': return next == '=' ? "@=" : "@";
            case '*' when next == '*': return third == '=' ? "**=" : "**";
            case '*': return next == '=' ? "*=" : "*";
            case '/' when next == '/': return third == '=' ? "//=" : "//";
            case '/': return next == '=' ? "/=" : "/";
            case '<' when next == '<': return third == '=' ? "<<=" : "<<";
            case '<': return next == '=' ? "<=" : "<";
            case '>' when next == '>': return third == '=' ? ">>=" : ">>";
            case '>': return next == '=' ? ">=" : ">";
            default:
                return null;
        }
    }
}
