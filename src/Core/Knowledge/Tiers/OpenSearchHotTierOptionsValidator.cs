using Microsoft.Extensions.Options;

namespace MspSupport.Core.Knowledge.Tiers;

public sealed class OpenSearchHotTierOptionsValidator : IValidateOptions<OpenSearchHotTierOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenSearchHotTierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            errors.Add("Knowledge:Hot:Endpoint must be the collection's absolute http(s) endpoint.");
        }

        if (string.IsNullOrWhiteSpace(options.IndexName) || options.IndexName.Any(char.IsUpper))
        {
            errors.Add("Knowledge:Hot:IndexName must be a lower-case index name.");
        }

        if (options.Dimensions is < 1 or > 16_000)
        {
            errors.Add("Knowledge:Hot:Dimensions must be between 1 and 16000 and match the embedding model.");
        }

        if (options.Engine is not ("faiss" or "lucene" or "nmslib"))
        {
            errors.Add("Knowledge:Hot:Engine must be faiss, lucene or nmslib.");
        }

        if (options.BulkSize is < 1 or > 10_000)
        {
            errors.Add("Knowledge:Hot:BulkSize must be between 1 and 10000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
