namespace MspSupport.Infra;

/// <summary>How callers of the ticket API prove who they are.</summary>
public enum ApiAuthorizer
{
    /// <summary>The application checks <c>x-api-key</c> against its configured hashes; API Gateway lets every request through.</summary>
    ApiKey,

    /// <summary>A Cognito user pool issues tokens; API Gateway's JWT authorizer rejects bad ones before the function runs.</summary>
    Jwt,
}
