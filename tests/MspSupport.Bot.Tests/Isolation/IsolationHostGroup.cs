namespace MspSupport.Bot.Tests.Isolation;

/// <summary>The isolation classes share one host (starting it indexes the knowledge base) and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class IsolationHostGroup : ICollectionFixture<IsolationHost>
{
    public const string Name = "Isolation host";
}
