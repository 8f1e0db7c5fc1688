namespace MspSupport.Infra.Tests;

/// <summary>Every test class that reads templates shares one <see cref="SynthesizedApps"/>; one collection also keeps them sequential, since the jsii runtime is one node process.</summary>
[CollectionDefinition(Name)]
public sealed class SynthesisCollection : ICollectionFixture<SynthesizedApps>
{
    public const string Name = "synthesized apps";
}
