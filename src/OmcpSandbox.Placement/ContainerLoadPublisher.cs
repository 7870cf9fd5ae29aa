using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmcpSandbox.Contracts.Placement;
using Orleans;
using Orleans.Runtime;

namespace OmcpSandbox.Placement;

/// <summary>
/// Sends this silo's <see cref="ILocalContainerLoad"/> numbers to the load board on every change and at least once
/// per <see cref="ContainerLoadOptions.PublishInterval"/>, and stores the board's table in <see cref="SiloLoadCache"/>.
/// The local numbers go into the cache at once, before the board call.
/// </summary>
internal sealed class ContainerLoadPublisher : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ILocalContainerLoad _localLoad;
    private readonly SiloLoadCache _cache;
    private readonly IGrainFactory _grainFactory;
    private readonly SiloAddress _localSilo;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _interval;
    private readonly ILogger<ContainerLoadPublisher> _logger;
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private CancellationTokenSource? _stopping;
    private Task? _loop;

    public ContainerLoadPublisher(
        ILocalContainerLoad localLoad,
        SiloLoadCache cache,
        IGrainFactory grainFactory,
        ILocalSiloDetails siloDetails,
        TimeProvider timeProvider,
        IOptions<ContainerLoadOptions> options,
        ILogger<ContainerLoadPublisher> logger)
    {
        _localLoad = localLoad;
        _cache = cache;
        _grainFactory = grainFactory;
        _localSilo = siloDetails.SiloAddress;
        _timeProvider = timeProvider;
        _interval = options.Value.PublishInterval;
        _logger = logger;
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
        // Before Active, so the silo's own load is in the cache when it starts taking requests.
        lifecycle.Subscribe(nameof(ContainerLoadPublisher), ServiceLifecycleStage.BecomeActive, StartAsync, StopAsync);
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _cache.Update(ReadLocal());
        _localLoad.Changed += OnChanged;
        _stopping = new CancellationTokenSource();
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        PlacementLog.PublisherStarted(_logger, _localSilo, (int)_interval.TotalMilliseconds);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        _localLoad.Changed -= OnChanged;
        if (_stopping is null || _loop is null)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
        PlacementLog.PublisherStopped(_logger, _localSilo);
    }

    private void OnChanged()
    {
        _cache.Update(ReadLocal());
        _changes.Writer.TryWrite(true);
    }

    private SiloLoadReport ReadLocal() =>
        new(_localSilo, _localLoad.LiveContainers, _localLoad.Capacity, _timeProvider.GetUtcNow().UtcDateTime);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // NOTE: another silo's change reaches this cache only with this silo's next report, up to one interval
        // later, so directors on two silos placing on one target in that window can together exceed its capacity.
        var board = _grainFactory.GetGrain<IContainerLoadBoardGrain>(0);
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var local = ReadLocal();
                _cache.Update(local);
                var reports = await board.ReportAsync(local).WaitAsync(_interval * 2, cancellationToken).ConfigureAwait(false);
                foreach (var report in reports)
                {
                    _cache.Update(report);
                }

                _cache.RemoveAllExcept(_localSilo, reports);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A loop boundary: the board may be moving to another silo, and the next round retries.
                failures++;
                if (failures == 1 || failures % 60 == 0)
                {
                    PlacementLog.PublishFailed(_logger, exception, _localSilo, failures);
                }
            }

            await WaitForChangeOrIntervalAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitForChangeOrIntervalAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_interval);
        try
        {
            await _changes.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The interval elapsed or the silo is stopping, which the loop condition checks.
        }
    }
}
