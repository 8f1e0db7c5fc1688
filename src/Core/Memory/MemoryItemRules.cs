namespace MspSupport.Core.Memory;

/// <summary>
/// The shape every namespace path has (<c>/{kind}/{actorId}[/...]</c>, see <see cref="MemoryNamespaces"/>) and the
/// checks every memory store makes, so that a namespace always tells whose memories it holds.
/// </summary>
internal static class MemoryItemRules
{
    public static void CheckPut(MemoryItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrEmpty(item.Namespace, nameof(item));
        ArgumentException.ThrowIfNullOrEmpty(item.Id, nameof(item));
        ArgumentException.ThrowIfNullOrEmpty(item.ActorId, nameof(item));
        // '#' separates the parts of the DynamoDB key (MEMORY#{namespace}#{id}); in a namespace it could make two
        // different (namespace, id) pairs share a key.
        if (item.Namespace.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException("A memory namespace cannot contain '#'.", nameof(item));
        }

        // Listing a namespace finds its items through the actor the path names; an item filed under another
        // actor's namespace would be listed to the wrong person.
        if (!TryGetActor(item.Namespace, out var actor) || !string.Equals(actor, item.ActorId, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                "A memory's namespace must be /{kind}/{actorId}[/...] naming its own ActorId (see MemoryNamespaces).", nameof(item));
        }
    }

    /// <summary>The actor a namespace path belongs to: its second segment.</summary>
    public static bool TryGetActor(string namespacePath, out string actorId)
    {
        actorId = "";
        if (namespacePath.Length == 0 || namespacePath[0] != '/')
        {
            return false;
        }

        var segments = namespacePath.Split('/');
        if (segments.Length < 3 || segments[1].Length == 0 || segments[2].Length == 0)
        {
            return false;
        }

        actorId = segments[2];
        return true;
    }

    /// <summary>Newest first; ties broken by namespace and id so that every store lists in the same order.</summary>
    public static int NewestFirst(MemoryItem a, MemoryItem b)
    {
        var byTime = b.At.CompareTo(a.At);
        if (byTime != 0)
        {
            return byTime;
        }

        var byNamespace = string.CompareOrdinal(a.Namespace, b.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.Id, b.Id);
    }
}
