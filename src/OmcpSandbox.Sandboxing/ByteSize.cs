using System.Globalization;

namespace OmcpSandbox.Sandboxing;

/// <summary>Parses sizes written as Docker writes them: a byte count with an optional b, k, m or g suffix (powers of 1024).</summary>
internal static class ByteSize
{
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim().ToLowerInvariant();
        if (text.EndsWith("ib", StringComparison.Ordinal))
        {
            text = text[..^2];
        }
        else if (text.Length > 1 && text[^1] == 'b' && char.IsLetter(text[^2]))
        {
            text = text[..^1];
        }

        long multiplier = text[^1] switch
        {
            'k' => 1024L,
            'm' => 1024L * 1024,
            'g' => 1024L * 1024 * 1024,
            'b' => 1,
            _ => 0,
        };
        var digits = multiplier == 0 ? text : text[..^1];
        if (multiplier == 0)
        {
            multiplier = 1;
        }

        if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return false;
        }

        bytes = (long)(value * multiplier);
        return true;
    }

    public static long Parse(string text) =>
        TryParse(text, out var bytes) ? bytes : throw new FormatException($"'{text}' is not a size such as 512m or 1g.");

    public static string Format(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : $"{bytes} bytes";
}
