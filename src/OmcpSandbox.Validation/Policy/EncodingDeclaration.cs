namespace OmcpSandbox.Validation.Policy;

/// <summary>
/// Finds a PEP 263 coding declaration in the first two lines: a comment matching
/// <c>^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)</c>, which is how CPython reads it.
/// </summary>
internal static class EncodingDeclaration
{
    /// <summary>Returns the declared encoding and its 1-based position when it is not UTF-8, otherwise null.</summary>
    public static (string Encoding, int Line, int Column)? FindNonUtf8(string source)
    {
        var lineStart = 0;
        for (var line = 1; line <= 2 && lineStart <= source.Length; line++)
        {
            var lineEnd = source.IndexOfAny(['\n', '\r'], lineStart);
            if (lineEnd < 0)
            {
                lineEnd = source.Length;
            }

            if (Find(source.AsSpan(lineStart, lineEnd - lineStart)) is var (start, length))
            {
                var encoding = source.Substring(lineStart + start, length);
                if (!IsUtf8(encoding))
                {
                    var column = CountCodePoints(source.AsSpan(lineStart, start)) + 1;
                    return (encoding, line, column);
                }

                return null;
            }

            lineStart = lineEnd < source.Length && source[lineEnd] == '\r' && lineEnd + 1 < source.Length && source[lineEnd + 1] == '\n'
                ? lineEnd + 2
                : lineEnd + 1;
        }

        return null;
    }

    private static (int Start, int Length)? Find(ReadOnlySpan<char> line)
    {
        var i = 0;
        while (i < line.Length && line[i] is ' ' or '\t' or '\f')
        {
            i++;
        }

        if (i >= line.Length || line[i] != '#')
        {
            return null;
        }

        while (true)
        {
            var found = line[i..].IndexOf("coding", StringComparison.Ordinal);
            if (found < 0)
            {
                return null;
            }

            i += found + "coding".Length;
            if (i < line.Length && line[i] is ':' or '=')
            {
                var start = i + 1;
                while (start < line.Length && line[start] is ' ' or '\t')
                {
                    start++;
                }

                var end = start;
                while (end < line.Length && (char.IsLetterOrDigit(line[end]) || line[end] is '_' or '-' or '.'))
                {
                    end++;
                }

                if (end > start)
                {
                    return (start, end - start);
                }
            }
        }
    }

    private static int CountCodePoints(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static bool IsUtf8(string encoding)
    {
        var normal = encoding.ToLowerInvariant().Replace('_', '-');
        return normal is "utf-8" or "utf8" || normal.StartsWith("utf-8-", StringComparison.Ordinal);
    }
}
