using System.Text.Json;
using System.Text.Json.Serialization;

namespace OmcpSandbox.Grains.Omop;

/// <summary>Writes query rows as a JSON array of arrays, the form in which <c>OmopRows</c> carries them.</summary>
internal static class OmopRowsJson
{
    // Npgsql reads date as DateOnly (yyyy-MM-dd), timestamp as DateTime (ISO 8601), numeric as decimal and bigint as
    // long, which System.Text.Json writes without extra converters. NaN and infinite doubles become strings, because
    // JSON has no literal for them.
    private static readonly JsonSerializerOptions _options = new(JsonSerializerDefaults.General)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize(IReadOnlyList<IReadOnlyList<object?>> rows) => JsonSerializer.Serialize(rows, _options);
}
