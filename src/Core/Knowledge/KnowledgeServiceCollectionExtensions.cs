using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MspSupport.Core.Knowledge.Embeddings;

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

        return services;
    }
}
