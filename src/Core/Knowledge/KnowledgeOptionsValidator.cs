using Microsoft.Extensions.Options;

namespace MspSupport.Core.Knowledge;

/// <summary>Checks <see cref="KnowledgeOptions"/> at start-up; every message names the setting to fix.</summary>
public sealed class KnowledgeOptionsValidator : IValidateOptions<KnowledgeOptions>
{
    public ValidateOptionsResult Validate(string? name, KnowledgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.IndexPath))
        {
            errors.Add("Knowledge:IndexPath must name a folder, e.g. data/knowledge.");
        }

        if (options.MaxFileBytes <= 0)
        {
            errors.Add("Knowledge:MaxFileBytes must be a positive number of bytes.");
        }

        if (options.ChunkChars < 200)
        {
            errors.Add("Knowledge:ChunkChars must be at least 200 characters.");
        }

        if (options.ChunkOverlapChars < 0 || options.ChunkOverlapChars >= options.ChunkChars / 2)
        {
            errors.Add("Knowledge:ChunkOverlapChars must be between 0 and half of Knowledge:ChunkChars.");
        }

        if (options.SourceBaseUrl is { Length: > 0 } baseUrl && !IsHttpUrl(baseUrl))
        {
            errors.Add("Knowledge:SourceBaseUrl must be an absolute http(s) URL.");
        }

        if (options.Bm25K1 < 0 || options.Bm25B is < 0 or > 1)
        {
            errors.Add("Knowledge:Bm25K1 must be >= 0 and Knowledge:Bm25B between 0 and 1.");
        }

        if (options.TitleBoost <= 0 || options.SectionBoost <= 0)
        {
            errors.Add("Knowledge:TitleBoost and Knowledge:SectionBoost must be positive.");
        }

        if (options.FusionCandidates is < 1 or > 1000)
        {
            errors.Add("Knowledge:FusionCandidates must be between 1 and 1000.");
        }

        CheckEmbeddings(options.Embeddings, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckEmbeddings(EmbeddingOptions embeddings, List<string> errors)
    {
        switch (embeddings.Provider)
        {
            case EmbeddingProvider.OpenAiCompatible:
                if (!IsHttpUrl(embeddings.OpenAi.BaseUrl))
                {
                    errors.Add("Knowledge:Embeddings:OpenAi:BaseUrl must be an absolute http(s) URL when Knowledge:Embeddings:Provider is OpenAiCompatible.");
                }

                if (string.IsNullOrWhiteSpace(embeddings.OpenAi.Model))
                {
                    errors.Add("Knowledge:Embeddings:OpenAi:Model must name the embedding model when Knowledge:Embeddings:Provider is OpenAiCompatible.");
                }

                if (embeddings.OpenAi.BatchSize is < 1 or > 2048)
                {
                    errors.Add("Knowledge:Embeddings:OpenAi:BatchSize must be between 1 and 2048.");
                }

                break;
            case EmbeddingProvider.BedrockTitan:
                if (string.IsNullOrWhiteSpace(embeddings.Bedrock.Region))
                {
                    errors.Add("Knowledge:Embeddings:Bedrock:Region is required when Knowledge:Embeddings:Provider is BedrockTitan.");
                }

                if (embeddings.Bedrock.Endpoint is { Length: > 0 } endpoint && !IsHttpUrl(endpoint))
                {
                    errors.Add("Knowledge:Embeddings:Bedrock:Endpoint must be an absolute http(s) URL.");
                }

                if (embeddings.Bedrock.Dimensions is not (256 or 512 or 1024))
                {
                    errors.Add("Knowledge:Embeddings:Bedrock:Dimensions must be 256, 512 or 1024 (Titan Text Embeddings v2).");
                }

                if (embeddings.Bedrock.MaxConcurrency is < 1 or > 64)
                {
                    errors.Add("Knowledge:Embeddings:Bedrock:MaxConcurrency must be between 1 and 64.");
                }

                break;
            case EmbeddingProvider.None:
                break;
            default:
                errors.Add("Knowledge:Embeddings:Provider must be None, OpenAiCompatible or BedrockTitan.");
                break;
        }
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
