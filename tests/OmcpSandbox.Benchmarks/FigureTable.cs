using System.Globalization;

namespace OmcpSandbox.Benchmarks;

/// <summary>Prints figures as an aligned text table, one row per figure.</summary>
internal static class FigureTable
{
    public static void Write(TextWriter writer, IReadOnlyList<BenchmarkFigure> figures)
    {
        string[] header = ["benchmark", "metric", "value", "unit", "target", "result"];
        var rows = figures.Select(figure => new[]
        {
            figure.Benchmark,
            figure.Metric,
            figure.Value.ToString("0.###", CultureInfo.InvariantCulture),
            figure.Unit,
            figure.Target is { } target ? $"{figure.Comparison} {target.ToString("0.###", CultureInfo.InvariantCulture)}" : "",
            figure.MeetsTarget switch { true => "met", false => "MISSED", null => "" },
        }).ToList();
        var widths = header.Select((title, column) => rows.Select(row => row[column].Length).Append(title.Length).Max()).ToArray();
        writer.WriteLine(FormatRow(header, widths));
        writer.WriteLine(string.Join("  ", widths.Select(width => new string('-', width))));
        foreach (var row in rows)
        {
            writer.WriteLine(FormatRow(row, widths));
        }
    }

    private static string FormatRow(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd();
}
