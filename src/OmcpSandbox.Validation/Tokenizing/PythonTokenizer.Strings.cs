namespace OmcpSandbox.Validation.Tokenizing;

internal sealed partial class PythonTokenizer
{
    private static readonly IReadOnlyList<List<Token>> _noExpressions = [];
    private static readonly System.Buffers.SearchValues<char> _singleQuoteStops = System.Buffers.SearchValues.Create("'\\\n\r");
    private static readonly System.Buffers.SearchValues<char> _doubleQuoteStops = System.Buffers.SearchValues.Create("\"\\\n\r");

    /// <summary>Reads a string literal whose prefix starts at <paramref name="start"/> and whose quote is current.</summary>
    private void ReadString(int start, int line, int column)
    {
        var prefix = _source.AsSpan(start, _position - start);
        var isRaw = prefix.ContainsAny('r', 'R');
        var isBytes = prefix.ContainsAny('b', 'B');
        var isFormatted = prefix.ContainsAny('f', 'F');
        var quote = Current;
        var isTriple = Peek(1) == quote && Peek(2) == quote;
        var quoteLength = isTriple ? 3 : 1;
        for (var i = 0; i < quoteLength; i++)
        {
            Advance();
        }

        var bodyStart = _position;
        var bodyLine = _line;
        var bodyColumn = _column;
        while (true)
        {
            if (_position >= _end)
            {
                // CPython does not count the empty line after a final newline.
                var endsWithNewline = _position > 0 && _source[_position - 1] is '\n' or '\r';
                throw UnterminatedString(isTriple, line, column, endsWithNewline ? _line - 1 : _line);
            }

            var plain = _source.AsSpan(_position, _end - _position).IndexOfAny(quote == '"' ? _doubleQuoteStops : _singleQuoteStops);
            if (plain != 0)
            {
                SkipWithinLine(plain < 0 ? _end - _position : plain);
                continue;
            }

            var c = Current;
            if (c == '\\')
            {
                Advance();
                if (_position >= _end)
                {
                    throw UnterminatedString(isTriple, line, column, _line);
                }

                Advance();
                if (_source[_position - 1] == '\r' && _position < _end && Current == '\n')
                {
                    Advance();
                }

                continue;
            }

            if (c is '\n' or '\r' && !isTriple)
            {
                throw UnterminatedString(isTriple, line, column, _line);
            }

            if (c == quote && (!isTriple || Peek(1) == quote && Peek(2) == quote))
            {
                break;
            }

            Advance();
        }

        var bodyEnd = _position;
        for (var i = 0; i < quoteLength; i++)
        {
            Advance();
        }

        StringLiteral literal;
        if (isFormatted)
        {
            var parser = new FStringParser(this, bodyStart, bodyEnd, bodyLine, bodyColumn);
            literal = new StringLiteral(isBytes: false, isFormatted: true, value: null, parser.Parse());
        }
        else
        {
            // A plain literal depends only on its text, so repeated literals share one decoded instance.
            var text = _source.AsSpan(start, _position - start);
            if (!_pool.TryGetLiteral(text, out literal))
            {
                var body = _source.AsSpan(bodyStart, bodyEnd - bodyStart);
                var value = isRaw ? body.ToString() : EscapeDecoder.Decode(body, isBytes);
                literal = new StringLiteral(isBytes, isFormatted: false, value, _noExpressions);
                _pool.AddLiteral(text, literal);
            }
        }

        _tokens.Add(new Token(TokenKind.String, "", line, column, literal));
    }

    private static PythonSyntaxException UnterminatedString(bool isTriple, int line, int column, int detectedLine) =>
        Error(
            isTriple
                ? $"unterminated triple-quoted string literal (detected at line {detectedLine})"
                : $"unterminated string literal (detected at line {detectedLine})",
            line,
            column);

    /// <summary>Tokenizes one f-string replacement field expression, which CPython 3.11 parses as if in brackets.</summary>
    private List<Token> TokenizeExpression(int start, int end, int line, int column)
    {
        var tokenizer = new PythonTokenizer(_source, start, end, line, column, isExpression: true, _pool, []);
        try
        {
            tokenizer.Run();
        }
        catch (PythonSyntaxException exception) when (!exception.Message.StartsWith("f-string", StringComparison.Ordinal))
        {
            throw Error("f-string: " + exception.Message, exception.Line, exception.Column);
        }

        return tokenizer._tokens;
    }

    /// <summary>
    /// Finds the replacement fields of an f-string body as CPython 3.11 does: <c>{{</c> and <c>}}</c> are literal
    /// braces, a field is an expression up to <c>=</c>, <c>!</c>, <c>:</c> or <c>}</c> at bracket depth 0, and a
    /// format spec may hold fields of its own, one level deep.
    /// </summary>
    private sealed class FStringParser(PythonTokenizer owner, int start, int end, int line, int column)
    {
        private readonly string _source = owner._source;
        private readonly List<List<Token>> _expressions = [];
        private readonly int _start = start;
        private int _position = start;
        private int _line = line;
        private int _column = column;

        public List<List<Token>> Parse()
        {
            ParseLiteral(nesting: 0, isSpec: false);
            return _expressions;
        }

        private char Current => _source[_position];

        private char Peek(int offset) => _position + offset < end ? _source[_position + offset] : '\0';

        private void Advance()
        {
            var c = _source[_position++];
            if (c == '\n')
            {
                _line++;
                _column = 1;
            }
            else if (!char.IsLowSurrogate(c))
            {
                _column++;
            }
        }

        private void ParseLiteral(int nesting, bool isSpec)
        {
            while (_position < end)
            {
                var c = Current;
                if (c == '{')
                {
                    if (!isSpec && Peek(1) == '{')
                    {
                        Advance();
                        Advance();
                        continue;
                    }

                    ParseField(nesting);
                }
                else if (c == '}')
                {
                    if (isSpec)
                    {
                        return;
                    }

                    if (Peek(1) != '}')
                    {
                        throw Error("f-string: single '}' is not allowed", _line, _column);
                    }

                    Advance();
                    Advance();
                }
                else if (c == '\\' && !isSpec)
                {
                    Advance();
                    if (_position < end)
                    {
                        Advance();
                    }
                }
                else
                {
                    Advance();
                }
            }
        }

        private void ParseField(int nesting)
        {
            if (nesting >= 2)
            {
                throw Error("f-string: expressions nested too deeply", _line, _column);
            }

            Advance();
            var expressionStart = _position;
            var expressionLine = _line;
            var expressionColumn = _column;
            ScanExpression();
            var expression = _source.AsSpan(expressionStart, _position - expressionStart);
            if (expression.IsWhiteSpace())
            {
                throw Error("f-string: empty expression not allowed", _line, _column);
            }

            _expressions.Add(owner.TokenizeExpression(expressionStart, _position, expressionLine, expressionColumn));
            if (Current == '=')
            {
                Advance();
                while (_position < end && Current is ' ' or '\t' or '\n' or '\r' or '\f')
                {
                    Advance();
                }
            }

            if (_position < end && Current == '!')
            {
                Advance();
                if (_position >= end || Current is not 's' and not 'r' and not 'a')
                {
                    throw Error("f-string: invalid conversion character: expected 's', 'r', or 'a'", _line, _column);
                }

                Advance();
            }

            if (_position < end && Current == ':')
            {
                Advance();
                ParseLiteral(nesting + 1, isSpec: true);
            }

            if (_position >= end || Current != '}')
            {
                throw Error("f-string: expecting '}'", _line, _column);
            }

            Advance();
        }

        private void ScanExpression()
        {
            var depth = 0;
            while (true)
            {
                if (_position >= end)
                {
                    throw Error("f-string: expecting '}'", _line, _column);
                }

                var c = Current;
                switch (c)
                {
                    case '\\':
                        throw Error("f-string expression part cannot include a backslash", _line, _column);
                    case '#':
                        throw Error("f-string expression part cannot include '#'", _line, _column);
                    case '\'' or '"':
                        SkipNestedString(c);
                        continue;
                    case '(' or '[' or '{':
                        depth++;
                        break;
                    case ')' or ']' or '}' when depth > 0:
                        depth--;
                        break;
                    case '}':
                        return;
                    case ')' or ']':
                        throw Error($"f-string: unmatched '{c}'", _line, _column);
                    case '!' when depth == 0 && Peek(1) != '=':
                    case ':' when depth == 0:
                        return;
                    case '=' when depth == 0 && Peek(1) != '=' && !IsComparisonBefore():
                        return;
                }

                Advance();
            }
        }

        private bool IsComparisonBefore() => _position > _start && _source[_position - 1] is '=' or '!' or '<' or '>';

        private void SkipNestedString(char nestedQuote)
        {
            var isTriple = Peek(1) == nestedQuote && Peek(2) == nestedQuote;
            var quoteLength = isTriple ? 3 : 1;
            for (var i = 0; i < quoteLength; i++)
            {
                Advance();
            }

            while (true)
            {
                if (_position >= end)
                {
                    throw Error("f-string: expecting '}'", _line, _column);
                }

                if (Current == nestedQuote && (!isTriple || Peek(1) == nestedQuote && Peek(2) == nestedQuote))
                {
                    for (var i = 0; i < quoteLength; i++)
                    {
                        Advance();
                    }

                    return;
                }

                Advance();
            }
        }
    }
}
