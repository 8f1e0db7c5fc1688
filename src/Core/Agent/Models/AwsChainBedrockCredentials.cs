using Amazon.Runtime;
using Anthropic.Bedrock;

namespace MspSupport.Core.Agent.Models;

/// <summary>
/// Signs Bedrock requests with credentials from the AWS SDK's resolver (the default chain unless the host registers
/// others), fetched per request so that rotating role credentials keep working, session token included.
/// </summary>
public sealed class AwsChainBedrockCredentials : IAnthropicBedrockCredentials
{
    private readonly Lazy<AWSCredentials> _credentials;

    /// <param name="credentials">
    /// Resolved on the first call, not at start-up: a machine without AWS credentials still starts, and its model
    /// turns degrade with a notice instead of the whole agent failing to build.
    /// </param>
    public AwsChainBedrockCredentials(Func<AWSCredentials> credentials, string region)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _credentials = new Lazy<AWSCredentials>(credentials);
        Region = region;
    }

    public string Region { get; }

    public async Task Apply(HttpRequestMessage requestMessage)
    {
        ArgumentNullException.ThrowIfNull(requestMessage);
        var credentials = await _credentials.Value.GetCredentialsAsync();
        var now = DateTime.UtcNow;
        requestMessage.Headers.TryAddWithoutValidation("x-amz-date", AWSSigner.ToAmzDate(now));
        var content = requestMessage.Content is null ? "" : await requestMessage.Content.ReadAsStringAsync();
        var payloadHash = AWSSigner.CalculateHash(content);
        requestMessage.Headers.TryAddWithoutValidation("x-amz-content-sha256", payloadHash);
        if (credentials.UseToken)
        {
            requestMessage.Headers.TryAddWithoutValidation("x-amz-security-token", credentials.Token);
        }

        var headers = requestMessage.Headers.ToDictionary(h => h.Key, h => string.Join(" ", h.Value), StringComparer.OrdinalIgnoreCase);
        var authorization = AWSSigner.GetAuthorizationHeader(
            "bedrock", Region, requestMessage.Method.ToString(), requestMessage.RequestUri!, now, headers, payloadHash,
            credentials.AccessKey, credentials.SecretKey);
        requestMessage.Headers.TryAddWithoutValidation("Authorization", authorization);
    }
}
