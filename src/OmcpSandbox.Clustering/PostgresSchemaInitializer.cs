using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OmcpSandbox.Clustering;

/// <summary>
/// Applies <see cref="PostgresSchema"/> once per process before an Orleans provider first reads the database,
/// retrying while the server is not reachable yet.
/// </summary>
internal sealed class PostgresSchemaInitializer(IOptions<OmcpClusteringOptions> options, ILogger<PostgresSchemaInitializer> logger)
{
    private static readonly TimeSpan[] _retryDelays =
        [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _applied;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_applied)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_applied)
            {
                return;
            }

            await ApplyWithRetriesAsync(cancellationToken).ConfigureAwait(false);
            _applied = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ApplyWithRetriesAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        var connectionString = value.ConnectionString
            ?? throw new InvalidOperationException("Clustering:ConnectionString is missing; AdoNet clustering needs it.");
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        ClusteringLog.ApplyingSchema(logger, value.ClusterId, builder.Database, builder.Host);

        var stopwatch = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await PostgresSchema.ApplyAsync(connectionString, cancellationToken).ConfigureAwait(false);
                ClusteringLog.SchemaReady(logger, stopwatch.ElapsedMilliseconds);
                return;
            }
            catch (NpgsqlException exception) when (exception.IsTransient && attempt <= _retryDelays.Length)
            {
                var delay = _retryDelays[attempt - 1];
                ClusteringLog.SchemaRetry(logger, exception, attempt, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
