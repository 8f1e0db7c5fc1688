using Microsoft.Extensions.Options;

namespace MspSupport.Core.Knowledge.Tiers;

public sealed class S3ColdTierOptionsValidator : IValidateOptions<S3ColdTierOptions>
{
    public ValidateOptionsResult Validate(string? name, S3ColdTierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BucketName))
        {
            errors.Add("Knowledge:Cold:BucketName must name the S3 bucket of the cold tier.");
        }

        if (string.IsNullOrEmpty(options.Prefix) || !options.Prefix.EndsWith('/'))
        {
            errors.Add("Knowledge:Cold:Prefix must be a key prefix ending in '/', e.g. knowledge/shards/.");
        }

        if (options.ChunksPerShard is < 1 or > 100_000)
        {
            errors.Add("Knowledge:Cold:ChunksPerShard must be between 1 and 100000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
