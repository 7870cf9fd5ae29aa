using System.Globalization;
using System.Text.Json;

namespace OmcpSandbox.Omop.Query;

/// <summary>Turns filter values from callers (CLR values or JSON elements) into text or lists of text.</summary>
internal static class FilterValues
{
    /// <summary>A filter value: null for IS NULL, one text for equality, several for IN.</summary>
    public readonly record struct Filter(bool IsNull, IReadOnlyList<string> Values, bool IsList);

    /// <exception cref="OmopQueryException">The value is an object or a nested list.</exception>
    public static Filter Convert(string column, object? value)
    {
        switch (value)
        {
            case null:
                return new Filter(true, [], false);
            case JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }:
                return new Filter(true, [], false);
            case JsonElement { ValueKind: JsonValueKind.Array } array:
                return new Filter(false, array.EnumerateArray().Select(item => Scalar(column, item)).ToList(), true);
            case string text:
                return new Filter(false, [text], false);
            case System.Collections.IEnumerable items:
                return new Filter(false, items.Cast<object?>().Select(item => Scalar(column, item)).ToList(), true);
            default:
                return new Filter(false, [Scalar(column, value)], false);
        }
    }

    private static string Scalar(string column, object? value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        IFormattable number when value is int or long or short or byte or decimal or double or float =>
            number.ToString(null, CultureInfo.InvariantCulture),
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString()!,
        JsonElement { ValueKind: JsonValueKind.Number } element => element.GetRawText(),
        JsonElement { ValueKind: JsonValueKind.True } => "true",
        JsonElement { ValueKind: JsonValueKind.False } => "false",
        _ => throw new OmopQueryException(
            OmopQueryErrorCode.InvalidValue,
            $"Invalid filter value for column {column}: use a string, number, boolean, null or a list of those."),
    };
}
