using System.Text.Encodings.Web;
using System.Text.Json;
using OmcpSandbox.Benchmarks;

IBenchmark[] registry =
[
    new RuntimeBenchmark(),
    new EndToEndBenchmark(),
    new ValidationBenchmark(),
    new PlacementSimulationBenchmark(),
    new ClusterPlacementBenchmark(),
];

string? jsonPath = null;
string? only = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--json" when i + 1 < args.Length:
            jsonPath = args[++i];
            break;
        case "--only" when i + 1 < args.Length:
            only = args[++i];
            break;
        default:
            Console.Error.WriteLine($"Unknown or incomplete argument '{args[i]}'.");
            Console.Error.WriteLine("Usage: OmcpSandbox.Benchmarks [--json FILE] [--only NAME]");
            Console.Error.WriteLine("  --json FILE  also write every figure to FILE as a JSON array");
            Console.Error.WriteLine("  --only NAME  run only the benchmark NAME");
            Console.Error.WriteLine("The exit status is 1 when a figure misses its target.");
            Console.Error.WriteLine($"Benchmarks: {string.Join(", ", registry.Select(benchmark => benchmark.Name))}");
            return 2;
    }
}

var selected = registry.Where(benchmark => only is null || string.Equals(benchmark.Name, only, StringComparison.OrdinalIgnoreCase)).ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"No benchmark is named '{only}'. Benchmarks: {string.Join(", ", registry.Select(benchmark => benchmark.Name))}");
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, eventArgs) =>
{
    eventArgs.Cancel = true;
    cancellation.Cancel();
};

var context = new BenchmarkContext(
    Environment.GetEnvironmentVariable("DOCKER_IMAGE") is { Length: > 0 } image ? image : null,
    line => Console.Error.WriteLine($"[bench] {line}"));
var figures = new List<BenchmarkFigure>();
foreach (var benchmark in selected)
{
    context.Log($"Running {benchmark.Name}...");
    figures.AddRange(await benchmark.RunAsync(context, cancellation.Token));
}

FigureTable.Write(Console.Out, figures);
if (jsonPath is not null)
{
    await using var file = File.Create(jsonPath);
    await JsonSerializer.SerializeAsync(file, figures, new JsonSerializerOptions
    {
        WriteIndented = true,
        // The file is read by people and tools, never embedded in HTML, so "<" stays readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }, cancellation.Token);
    context.Log($"Wrote {figures.Count} figures to {Path.GetFullPath(jsonPath)}.");
}

return figures.Any(figure => figure.MeetsTarget == false) ? 1 : 0;
