namespace MspSupport.Core.Agent.Models;

/// <summary>
/// Sends requests to a configured endpoint (a VPC endpoint, a local stand-in) instead of the host the client built.
/// The Bedrock client signs for its regional host and rebuilds URLs without a port, so the override happens below
/// it, after signing; the Host header it signed stays as it was.
/// </summary>
public sealed class EndpointOverrideHandler : DelegatingHandler
{
    private readonly Uri _endpoint;

    public EndpointOverrideHandler(Uri endpoint) => _endpoint = endpoint;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { } original)
        {
            var basePath = _endpoint.AbsolutePath.TrimEnd('/');
            request.RequestUri = new UriBuilder(_endpoint.Scheme, _endpoint.Host, _endpoint.Port, basePath + original.AbsolutePath)
            {
                Query = original.Query.TrimStart('?'),
            }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
