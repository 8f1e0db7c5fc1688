using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MspSupport.Core.Knowledge;
using MspSupport.Core.Knowledge.Embeddings;

namespace MspSupport.Core.Tests.Knowledge;

public sealed class KnowledgeRegistrationTests
{
    [Fact]
    public async Task Lexical_only_configuration_resolves_search_without_an_embedding_model()
    {
        using var folder = new TempFolder();
        using var services = Build(new() { ["Knowledge:IndexPath"] = folder.Path });

        var search = services.GetRequiredService<KnowledgeSearch>();

        Assert.Null(services.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Empty(await search.SearchAsync("anything", null, 5, CancellationToken.None));
    }

    [Fact]
    public void OpenAi_compatible_provider_resolves_the_typed_client()
    {
        using var services = Build(new()
        {
            ["Knowledge:Embeddings:Provider"] = "OpenAiCompatible",
            ["Knowledge:Embeddings:OpenAi:BaseUrl"] = "http://127.0.0.1:11434/v1",
            ["Knowledge:Embeddings:OpenAi:Model"] = "nomic-embed-text",
        });

        Assert.IsType<OpenAiCompatibleEmbeddingGenerator>(services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    [Fact]
    public void Bedrock_titan_provider_resolves_the_typed_client_with_the_registered_aws_credentials()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Knowledge:Embeddings:Provider"] = "BedrockTitan",
            ["Knowledge:Embeddings:Bedrock:Region"] = "eu-central-1",
        }).Build();
        using var services = new ServiceCollection()
            .AddSingleton<Amazon.Runtime.AWSCredentials>(new Amazon.Runtime.BasicAWSCredentials("a", "b"))
            .AddKnowledge(configuration)
            .BuildServiceProvider();

        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Assert.IsType<BedrockTitanEmbeddingGenerator>(generator);
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>()!;
        Assert.Equal(("amazon.titan-embed-text-v2:0", 1024), (metadata.DefaultModelId, metadata.DefaultModelDimensions));
        Assert.Equal(new Uri("https://bedrock-runtime.eu-central-1.amazonaws.com"), metadata.ProviderUri);
    }

    [Fact]
    public void Invalid_settings_fail_with_messages_that_name_the_setting()
    {
        using var services = Build(new()
        {
            ["Knowledge:ChunkChars"] = "100",
            ["Knowledge:Embeddings:Provider"] = "BedrockTitan",
            ["Knowledge:Embeddings:Bedrock:Dimensions"] = "768",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<KnowledgeOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("Knowledge:ChunkChars", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Knowledge:Embeddings:Bedrock:Region", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Knowledge:Embeddings:Bedrock:Dimensions", StringComparison.Ordinal));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddKnowledge(configuration).BuildServiceProvider();
    }
}
