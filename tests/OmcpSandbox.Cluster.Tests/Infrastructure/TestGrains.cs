using OmcpSandbox.Placement;
using Orleans;
using Orleans.Runtime;

namespace OmcpSandbox.Cluster.Tests.Infrastructure;

public interface ILoadedGrain : IGrainWithGuidKey
{
    Task<string> GetSiloAsync();
}

/// <summary>Stands in for a sandbox session: its activation counts as one container of the hosting silo.</summary>
[ContainerLoadPlacement]
public sealed class LoadedGrain(FakeContainerLoad load, ILocalSiloDetails silo) : Grain, ILoadedGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        load.Add(1);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        load.Add(-1);
        return Task.CompletedTask;
    }

    public Task<string> GetSiloAsync() => Task.FromResult(silo.SiloAddress.ToString());
}

[GenerateSerializer]
public sealed class NoteState
{
    [Id(0)]
    public string? Text { get; set; }
}

public interface INoteGrain : IGrainWithStringKey
{
    Task WriteAsync(string text);

    Task<(string? Text, string Silo)> ReadAsync();
}

/// <summary>Keeps one string in the <c>sessions</c> grain storage.</summary>
public sealed class NoteGrain([PersistentState("note", "sessions")] IPersistentState<NoteState> note, ILocalSiloDetails silo)
    : Grain, INoteGrain
{
    public async Task WriteAsync(string text)
    {
        note.State.Text = text;
        await note.WriteStateAsync();
    }

    public Task<(string? Text, string Silo)> ReadAsync() => Task.FromResult((note.State.Text, silo.SiloAddress.ToString()));
}
