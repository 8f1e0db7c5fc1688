namespace MspSupport.Bot.Tests.Reliability;

/// <summary>
/// The load and fault suites run one after another: each puts a whole host under load or waits on model timeouts,
/// and two of them at once on a small machine would measure each other instead of the product.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LoadAndFaults
{
    public const string Name = "Load and faults";
}
