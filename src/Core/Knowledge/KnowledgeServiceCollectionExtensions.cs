using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.S3;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using MspSupport.Core.Knowledge.Embeddings;
using MspSupport.Core.Knowledge.Tiers;

namespace MspSupport.Core.Knowledge;

public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Knowledge search and ingestion: options from <c>Knowledge</c> (validated at start), the on-disk index as a
    /// singleton, and the configured embedding model as a typed HttpClient with the standard resilience handler.
    /// </summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<KnowledgeOptions>().Bind(configuration.GetSection(KnowledgeOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnowledgeOptions>, KnowledgeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
            return new KnowledgeIndex(options.IndexPath, LexicalIndexSettings.From(options));
        });
        services.TryAddTransient<KnowledgeSearch>();
        services.TryAddTransient<KnowledgeIngestor>();

        var provider = configuration.GetSection(KnowledgeOptions.Section).GetValue<EmbeddingProvider?>("Embeddings:Provider") ?? EmbeddingProvider.None;
        switch (provider)
        {
            case EmbeddingProvider.OpenAiCompatible:
                services.AddHttpClient<IEmbeddingGenerator<string, Embedding<float>>, OpenAiCompatibleEmbeddingGenerator>()
                    .AddStandardResilienceHandler();
                break;
            case EmbeddingProvider.BedrockTitan:
                services.TryAddSingleton<AWSCredentials>(_ => DefaultAWSCredentialsIdentityResolver.GetCredentials());
                services.AddHttpClient<IEmbeddingGenerator<string, Embedding<float>>, BedrockTitanEmbeddingGenerator>()
                    .AddStandardResilienceHandler();
                break;
            case EmbeddingProvider.None:
            default:
                break;
        }

        AddTiers(services, configuration);
        return services;
    }

    /// <summary>The AWS tiers, each only when its section names a place: <c>Knowledge:Hot:Endpoint</c>, <c>Knowledge:Cold:BucketName</c>.</summary>
    private static void AddTiers(IServiceCollection services, IConfiguration configuration)
    {
        var hot = !string.IsNullOrWhiteSpace(configuration[$"{OpenSearchHotTierOptions.Section}:Endpoint"]);
        var cold = !string.IsNullOrWhiteSpace(configuration[$"{S3ColdTierOptions.Section}:BucketName"]);
        if (hot)
        {
            services.AddOptions<OpenSearchHotTierOptions>().Bind(configuration.GetSection(OpenSearchHotTierOptions.Section)).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenSearchHotTierOptions>, OpenSearchHotTierOptionsValidator>());
            services.TryAddSingleton<AWSCredentials>(_ => DefaultAWSCredentialsIdentityResolver.GetCredentials());

            // No retries for POST/PUT: a retried _bulk without document ids would index the chunks twice.
            // A failed search falls back to BM25, so losing its retry costs little.
            services.AddHttpClient<OpenSearchHotTier>().AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
            services.AddTransient<IVectorTier>(sp => sp.GetRequiredService<OpenSearchHotTier>());
        }

        if (cold)
        {
            services.AddOptions<S3ColdTierOptions>().Bind(configuration.GetSection(S3ColdTierOptions.Section)).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<S3ColdTierOptions>, S3ColdTierOptionsValidator>());
            services.TryAddSingleton<IAmazonS3>(_ => new AmazonS3Client());

            // A singleton: it holds the downloaded shards.
            services.TryAddSingleton<S3ColdTier>();
            services.AddSingleton<IVectorTier>(sp => sp.GetRequiredService<S3ColdTier>());
        }

        if (hot || cold)
        {
            services.TryAddTransient<TieredVectorSearch>();
        }
    }
}
