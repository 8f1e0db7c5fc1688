namespace MspSupport.Testing.Hostile;

/// <summary>
/// What <see cref="HostileRequests"/> needs to know of an endpoint: method, path template (<c>{name}</c> marks a
/// path value), a valid example body, the values that make the path valid, and the headers that authenticate.
/// </summary>
public sealed record HostileEndpoint
{
    public required HttpMethod Method { get; init; }

    /// <summary>For example <c>/tickets/{ticketId}</c>.</summary>
    public required string PathTemplate { get; init; }

    /// <summary>A body the endpoint accepts, as JSON; null when the endpoint takes no body.</summary>
    public string? ValidBody { get; init; }

    /// <summary>Valid values for the template's path parameters (an existing ticket id, say).</summary>
    public IReadOnlyDictionary<string, string> PathValues { get; init; } = new Dictionary<string, string>();

    /// <summary>Valid query string without '?', e.g. <c>limit=10</c>; hostile values are tried for each parameter.</summary>
    public string? ValidQuery { get; init; }

    /// <summary>Headers that authenticate a valid request (x-api-key, Authorization), made fresh for each case.</summary>
    public Func<IReadOnlyDictionary<string, string>> AuthHeaders { get; init; } = () => new Dictionary<string, string>();

    /// <summary>The largest body the endpoint accepts, so that the oversize cases go past it.</summary>
    public int MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>True when the endpoint refuses unknown and duplicate properties (the ticket API does; Bot Framework activities do not).</summary>
    public bool StrictJson { get; init; } = true;

    public string ValidPath => Fill(PathTemplate, PathValues);

    internal static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        var path = template;
        foreach (var (name, value) in values)
        {
            path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return path;
    }
}
