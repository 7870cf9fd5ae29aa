using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using OmcpSandbox.Contracts.Placement;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace OmcpSandbox.Placement;

/// <summary>
/// Keeps the latest load report of each silo. A report expires after <see cref="ContainerLoadOptions.ReportExpiry"/>
/// by the board's clock, so a silo that died drops out even before membership declares it dead. The table is
/// rebuilt from the next round of reports if the board moves to another silo.
/// </summary>
[Reentrant]
internal sealed class ContainerLoadBoardGrain(IOptions<ContainerLoadOptions> options, TimeProvider timeProvider)
    : Grain, IContainerLoadBoardGrain
{
    private readonly Dictionary<SiloAddress, (SiloLoadReport Report, DateTimeOffset ReceivedAt)> _reports = [];
    private readonly TimeSpan _expiry = options.Value.ReportExpiry;

    public Task<ImmutableArray<SiloLoadReport>> ReportAsync(SiloLoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = timeProvider.GetUtcNow();
        _reports[report.Silo] = (report, now);

        var builder = ImmutableArray.CreateBuilder<SiloLoadReport>(_reports.Count);
        List<SiloAddress>? expired = null;
        foreach (var (silo, entry) in _reports)
        {
            if (now - entry.ReceivedAt > _expiry)
            {
                (expired ??= []).Add(silo);
            }
            else
            {
                builder.Add(entry.Report);
            }
        }

        foreach (var silo in expired ?? [])
        {
            _reports.Remove(silo);
        }

        return Task.FromResult(builder.ToImmutable());
    }
}
