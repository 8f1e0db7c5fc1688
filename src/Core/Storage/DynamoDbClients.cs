using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace MspSupport.Core.Storage;

/// <summary>Builds the DynamoDB client the stores share, from <see cref="DynamoDbStorageOptions"/>.</summary>
public static class DynamoDbClients
{
    public static AmazonDynamoDBClient Create(DynamoDbStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonDynamoDBConfig();
        if (options.MaxErrorRetry is { } retries)
        {
            config.MaxErrorRetry = retries;
        }

        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            if (!string.IsNullOrWhiteSpace(options.Region))
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
            }

            // On AWS the SDK's default chain finds the role's credentials (Lambda, App Runner, profile).
            return new AmazonDynamoDBClient(config);
        }

        config.ServiceURL = options.ServiceUrl;
        config.AuthenticationRegion = string.IsNullOrWhiteSpace(options.Region) ? "us-east-1" : options.Region;

        // Local peers (dynalite, DynamoDB Local) accept any signature; needing an AWS profile just to run the
        // stack on a laptop would be friction. Any other endpoint gets real credentials from the default chain.
        return new Uri(options.ServiceUrl).IsLoopback
            ? new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), config)
            : new AmazonDynamoDBClient(config);
    }
}
