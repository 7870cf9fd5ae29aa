namespace OmcpSandbox.Validation.Tokenizing;

internal sealed partial class PythonTokenizer
{
    private bool _blockExpected;
    private string _blockHeader = "";
    private int _blockHeaderLine;

    /// <summary>
    /// Reads the indentation at the start of a line and emits INDENT or DEDENT tokens. Returns true when the line
    /// is blank or holds only a comment, which CPython skips without comparing indentation.
    /// </summary>
    private bool ReadIndentation()
    {
        var column = 0;
        var alternateColumn = 0;
        while (_position < _end && Current is ' ' or '\t' or '\f')
        {
            switch (Current)
            {
                case ' ':
                    column++;
                    alternateColumn++;
                    break;
                case '\t':
                    column = (column / TabSize + 1) * TabSize;
                    alternateColumn++;
                    break;
                default:
                    column = 0;
                    alternateColumn = 0;
                    break;
            }

            Advance();
        }

        if (_position >= _end)
        {
            return false;
        }

        if (Current is '#' or '\n' or '\r')
        {
            SkipComment();
            if (_position < _end)
            {
                Advance();
            }

            return true;
        }

        var (top, topAlternate) = _indents[^1];
        if (column > top)
        {
            if (!_blockExpected)
            {
                throw Error("unexpected indent", _line, _column);
            }

            if (alternateColumn <= topAlternate)
            {
                throw Error("inconsistent use of tabs and spaces in indentation", _line, _column);
            }

            _indents.Add((column, alternateColumn));
            _tokens.Add(new Token(TokenKind.Indent, "", _line, _column));
            _blockExpected = false;
            return false;
        }

        CheckBlockExpected(_line, _column);
        while (column < _indents[^1].Column)
        {
            _indents.RemoveAt(_indents.Count - 1);
            _tokens.Add(new Token(TokenKind.Dedent, "", _line, _column));
        }

        if (column != _indents[^1].Column)
        {
            throw Error("unindent does not match any outer indentation level", _line, _column);
        }

        if (alternateColumn != _indents[^1].AlternateColumn)
        {
            throw Error("inconsistent use of tabs and spaces in indentation", _line, _column);
        }

        return false;
    }

    private void CheckBlockExpected(int line, int column)
    {
        if (_blockExpected)
        {
            throw Error($"expected an indented block after {_blockHeader} on line {_blockHeaderLine}", line, column);
        }
    }

    /// <summary>Notes whether the logical line that just ended opens a block, from its first and last tokens.</summary>
    private void NoteLogicalLineEnd()
    {
        _blockExpected = false;
        if (_tokens.Count <= _logicalLineStart || !_tokens[^1].IsOperator(":"))
        {
            return;
        }

        var first = _logicalLineStart;
        while (first < _tokens.Count && _tokens[first].Kind is TokenKind.Indent or TokenKind.Dedent or TokenKind.Newline)
        {
            first++;
        }

        if (first < _tokens.Count && _tokens[first].IsName("async"))
        {
            first++;
        }

        var header = _tokens[first];
        _blockExpected = true;
        _blockHeaderLine = header.Line;
        _blockHeader = header.Text switch
        {
            "def" => "function definition",
            "class" => "class definition",
            "if" or "elif" or "else" or "for" or "while" or "try" or "except" or "finally" or "with" or "match" or "case" =>
                $"'{header.Text}' statement",
            _ => "a colon",
        };
    }
}
