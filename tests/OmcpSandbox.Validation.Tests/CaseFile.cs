using System.Text.Json;

namespace OmcpSandbox.Validation.Tests;

/// <summary>One line of a JSON Lines case file: code and whether the validator must block or allow it.</summary>
public sealed record ValidatorCase(string Id, string Code, string Expect, string? Technique)
{
    public bool ShouldBlock => Expect == "block";

    public override string ToString() => Id;
}

/// <summary>Reads the case files copied next to the test assembly.</summary>
public static class CaseFile
{
    public static readonly string[] FileNames = ["python-validator.jsonl", "validator-cases.jsonl"];

    public static IReadOnlyList<ValidatorCase> ReadAll() => FileNames.SelectMany(Read).ToList();

    public static IEnumerable<ValidatorCase> Read(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Cases", fileName);
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            yield return new ValidatorCase(
                root.GetProperty("id").GetString()!,
                root.GetProperty("code").GetString()!,
                root.GetProperty("expect").GetString()!,
                root.TryGetProperty("technique", out var technique) ? technique.GetString() : null);
        }
    }

    public static TheoryData<ValidatorCase> All()
    {
        var data = new TheoryData<ValidatorCase>();
        foreach (var validatorCase in ReadAll())
        {
            data.Add(validatorCase);
        }

        return data;
    }
}
