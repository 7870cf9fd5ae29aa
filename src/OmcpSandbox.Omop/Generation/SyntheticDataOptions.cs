namespace OmcpSandbox.Omop.Generation;

/// <summary>Size and seed of a synthetic dataset.</summary>
/// <param name="Persons">The number of persons, at least 1. Default 1000.</param>
/// <param name="Seed">The seed; the same seed and size give the same rows. Default 42.</param>
public sealed record SyntheticDataOptions(int Persons = 1000, int Seed = 42);
