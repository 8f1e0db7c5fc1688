namespace MspSupport.Core.Tickets;

/// <summary>A value that may be absent, distinct from null: a partial update leaves absent fields alone and sets null ones to null.</summary>
public readonly record struct Optional<T>(bool HasValue, T Value)
{
    public static readonly Optional<T> Absent;

    public static implicit operator Optional<T>(T value) => new(true, value);
}
