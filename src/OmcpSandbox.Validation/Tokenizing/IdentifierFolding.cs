using System.Globalization;
using System.Reflection;
using System.Text;

namespace OmcpSandbox.Validation.Tokenizing;

/// <summary>
/// Folds identifiers to their NFKD form, so that two identifiers are equal exactly when CPython's NFKC
/// normalisation makes them equal, and an identifier folds to ASCII exactly when its NFKC form is that ASCII text.
/// </summary>
/// <remarks>
/// <see cref="string.Normalize(NormalizationForm)"/> returns its input unchanged for FormKC when
/// InvariantGlobalization is on, as this project sets it, so the decompositions come from an embedded table
/// generated with Python 3.11's unicodedata (Unicode 14.0), the interpreter inside the sandbox.
/// </remarks>
internal static class IdentifierFolding
{
    private const int HangulBase = 0xAC00;
    private const int HangulCount = 11172;
    private const int HangulTrailCount = 28;
    private const int HangulVowelTrailCount = 21 * 28;

    private static readonly Lazy<(Dictionary<int, int[]> Decompositions, Dictionary<int, int> CombiningClasses)> _data =
        new(Load);

    public static string Fold(ReadOnlySpan<char> identifier)
    {
        var (decompositions, combiningClasses) = _data.Value;
        var runes = new List<int>(identifier.Length);
        foreach (var rune in identifier.EnumerateRunes())
        {
            var value = rune.Value;
            if (value is >= HangulBase and < HangulBase + HangulCount)
            {
                var index = value - HangulBase;
                runes.Add(0x1100 + index / HangulVowelTrailCount);
                runes.Add(0x1161 + index % HangulVowelTrailCount / HangulTrailCount);
                if (index % HangulTrailCount != 0)
                {
                    runes.Add(0x11A7 + index % HangulTrailCount);
                }
            }
            else if (decompositions.TryGetValue(value, out var decomposition))
            {
                runes.AddRange(decomposition);
            }
            else
            {
                runes.Add(value);
            }
        }

        SortCombiningMarks(runes, combiningClasses);
        var builder = new StringBuilder(runes.Count);
        foreach (var value in runes)
        {
            builder.Append(new Rune(value).ToString());
        }

        return builder.ToString();
    }

    // Canonical ordering: within each run of combining marks, a stable sort by combining class.
    private static void SortCombiningMarks(List<int> runes, Dictionary<int, int> combiningClasses)
    {
        for (var i = 1; i < runes.Count; i++)
        {
            var current = runes[i];
            var currentClass = combiningClasses.GetValueOrDefault(current);
            if (currentClass == 0)
            {
                continue;
            }

            var j = i;
            while (j > 0 && combiningClasses.GetValueOrDefault(runes[j - 1]) > currentClass)
            {
                runes[j] = runes[j - 1];
                j--;
            }

            runes[j] = current;
        }
    }

    private static (Dictionary<int, int[]>, Dictionary<int, int>) Load()
    {
        var decompositions = new Dictionary<int, int[]>();
        var combiningClasses = new Dictionary<int, int>();
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("OmcpSandbox.Validation.nfkd.txt")
            ?? throw new InvalidOperationException("The embedded Unicode decomposition table is missing.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split(';');
            var codePoint = int.Parse(fields[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (fields[1].Length > 0)
            {
                decompositions[codePoint] = fields[1]
                    .Split(' ')
                    .Select(part => int.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
                    .ToArray();
            }

            if (fields[2].Length > 0)
            {
                combiningClasses[codePoint] = int.Parse(fields[2], CultureInfo.InvariantCulture);
            }
        }

        return (decompositions, combiningClasses);
    }
}
