namespace MspSupport.Core.Memory;

/// <summary>The seed's long-term memory namespaces.</summary>
public static class MemoryNamespaces
{
    public static string Summaries(string actorId, string sessionId) => $"/summaries/{actorId}/{sessionId}";

    public static string Preferences(string actorId) => $"/preferences/{actorId}";

    public static string Facts(string actorId) => $"/facts/{actorId}";
}
