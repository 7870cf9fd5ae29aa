namespace OmcpSandbox.Validation.Policy;

/// <summary>
/// Lists the attribute names and index keys that <c>str.format</c> would look up for a format string, following
/// the field grammar of CPython's <c>string.Formatter.parse</c> and <c>_string.formatter_field_name_split</c>.
/// </summary>
internal static class FormatFieldParser
{
    private const int MaxSpecNesting = 2;

    /// <summary>
    /// Returns the first attribute name or index key for which <paramref name="isBlocked"/> holds. Fields before a
    /// malformed part are still examined, because <c>str.format</c> renders them before it raises.
    /// </summary>
    public static string? FindBlocked(string format, Func<string, bool> isBlocked) => Scan(format, isBlocked, 0);

    private static string? Scan(string format, Func<string, bool> isBlocked, int nesting)
    {
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            if (c == '}')
            {
                if (i + 1 < format.Length && format[i + 1] == '}')
                {
                    i += 2;
                    continue;
                }

                return null;
            }

            if (c != '{')
            {
                i++;
                continue;
            }

            if (i + 1 < format.Length && format[i + 1] == '{')
            {
                i += 2;
                continue;
            }

            var fieldEnd = FindFieldEnd(format, i + 1);
            if (fieldEnd < 0)
            {
                return null;
            }

            if (CheckField(format[(i + 1)..fieldEnd], isBlocked, nesting) is { } blocked)
            {
                return blocked;
            }

            i = fieldEnd + 1;
        }

        return null;
    }

    // The field runs to the '}' that balances its '{', and brackets in the field name hide braces.
    private static int FindFieldEnd(string format, int start)
    {
        var depth = 1;
        var inSpec = false;
        for (var i = start; i < format.Length; i++)
        {
            switch (format[i])
            {
                case '[' when !inSpec:
                    var close = format.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        return -1;
                    }

                    i = close;
                    break;
                case ':' or '!':
                    inSpec = true;
                    break;
                case '{':
                    depth++;
                    break;
                case '}':
                    if (--depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return -1;
    }

    private static string? CheckField(string field, Func<string, bool> isBlocked, int nesting)
    {
        var nameEnd = 0;
        while (nameEnd < field.Length && field[nameEnd] is not ':' and not '!')
        {
            if (field[nameEnd] == '[')
            {
                var close = field.IndexOf(']', nameEnd + 1);
                nameEnd = close < 0 ? field.Length : close;
            }

            nameEnd++;
        }

        nameEnd = Math.Min(nameEnd, field.Length);
        if (CheckFieldName(field[..nameEnd], isBlocked) is { } blocked)
        {
            return blocked;
        }

        var specStart = field.IndexOf(':', nameEnd);
        if (specStart < 0 || nesting >= MaxSpecNesting)
        {
            return null;
        }

        return Scan(field[(specStart + 1)..], isBlocked, nesting + 1);
    }

    private static string? CheckFieldName(string name, Func<string, bool> isBlocked)
    {
        var i = name.IndexOfAny(['.', '[']);
        while (i >= 0 && i < name.Length)
        {
            if (name[i] == '.')
            {
                var end = name.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? name.Length : end;
                var attribute = name[(i + 1)..end];
                if (isBlocked(attribute))
                {
                    return attribute;
                }

                i = end;
            }
            else
            {
                var close = name.IndexOf(']', i + 1);
                if (close < 0)
                {
                    return null;
                }

                var key = name[(i + 1)..close];
                if (isBlocked(key))
                {
                    return key;
                }

                i = close + 1;
                if (i < name.Length && name[i] is not '.' and not '[')
                {
                    return null;
                }
            }
        }

        return null;
    }
}
