namespace MspSupport.Core.Tickets;

public enum WriteStatus
{
    Done,
    NotFound,

    /// <summary>The stored version is not the one the write expected; nothing was written.</summary>
    VersionConflict,
}
