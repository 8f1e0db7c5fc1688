namespace MspSupport.Testing.Hostile;

/// <summary>
/// One malformed or hostile request. <see cref="MustRefuse"/> is true when no correct server may accept it (a 4xx
/// is the only right answer); the rest must merely never cause a 5xx or a write.
/// </summary>
public sealed record HostileCase(string Family, string Name, HttpMethod Method, string Path, byte[]? Body, string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers, bool MustRefuse)
{
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(Method, new Uri(Path, UriKind.Relative));
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            request.Content.Headers.ContentType = null;
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && request.Content is not null)
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    public override string ToString() => $"{Family}/{Name}: {Method} {(Path.Length > 120 ? Path[..120] + "…" : Path)}";
}
