using System.ClientModel;
using System.ClientModel.Primitives;
using Amazon.Runtime;
using Anthropic.Bedrock;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;

namespace MspSupport.Core.Agent.Models;

/// <summary>
/// The chat client of each tier, built once from configuration as a pipeline: function invocation (tools), logging
/// and OpenTelemetry around the provider's client. Each provider talks over a named HttpClient with the standard
/// resilience handler (retries with backoff on throttling, 5xx and timeouts; per-attempt and total timeouts).
/// </summary>
public sealed class AgentModels
{
    public const string ActivitySource = "MspSupport.Agent";

    /// <summary>
    /// Service keys under which a host may register its own <see cref="IChatClient"/> for a tier (a gateway, a test
    /// double); it is wrapped in the same pipeline and wins over <see cref="ModelOptions.Provider"/>.
    /// </summary>
    public const string CheapClientKey = "agent:cheap";
    public const string CapableClientKey = "agent:capable";
    private readonly IChatClient?[] _clients = new IChatClient?[3];
    private readonly string?[] _modelIds = new string?[3];
    private readonly AgentModelOptions _options;

    public AgentModels(IOptions<AgentModelOptions> options, IServiceProvider services, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        for (var tier = 1; tier <= 2; tier++)
        {
            var tierOptions = _options.For(tier);
            var supplied = services.GetKeyedService<IChatClient>(tier >= 2 ? CapableClientKey : CheapClientKey);
            if (supplied is null && tierOptions.Provider == ModelProvider.None)
            {
                continue;
            }

            _modelIds[tier] = AgentModelOptions.ModelIdFor(tier, tierOptions);
            var inner = supplied ?? CreateProviderClient(tier, tierOptions, _modelIds[tier]!, services);
            _clients[tier] = inner.AsBuilder()
                .UseFunctionInvocation(loggers, invoker => invoker.MaximumIterationsPerRequest = 6)
                .UseLogging(loggers)
                .UseOpenTelemetry(loggers, ActivitySource)
                .Build(services);
        }
    }

    public bool Any => _clients[1] is not null || _clients[2] is not null;

    /// <summary>
    /// The client for <paramref name="tier"/>, or the other tier's when only one is configured (a cheap-only set-up
    /// still answers hard questions, a capable-only one easy ones). Null when no model is configured.
    /// </summary>
    public (IChatClient Client, int Tier, string ModelId, ModelOptions Options)? Resolve(int tier)
    {
        var chosen = _clients[Math.Clamp(tier, 1, 2)] is not null ? Math.Clamp(tier, 1, 2) : 3 - Math.Clamp(tier, 1, 2);
        return _clients[chosen] is { } client ? (client, chosen, _modelIds[chosen]!, _options.For(chosen)) : null;
    }

    public static string HttpClientName(int tier) => tier >= 2 ? "agent-model-capable" : "agent-model-cheap";

    private static IChatClient CreateProviderClient(int tier, ModelOptions options, string modelId, IServiceProvider services)
    {
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName(tier));
        http.Timeout = Timeout.InfiniteTimeSpan;
        if (options.Provider == ModelProvider.OpenAI)
        {
            var client = new OpenAIClient(new ApiKeyCredential(options.ApiKey ?? "not-needed"), new OpenAIClientOptions
            {
                Endpoint = new Uri(options.BaseUrl!),
                Transport = new HttpClientPipelineTransport(http),
                RetryPolicy = new ClientRetryPolicy(0),
            });
            return client.GetChatClient(modelId).AsIChatClient();
        }

        var credentials = new AwsChainBedrockCredentials(services.GetRequiredService<AWSCredentials>, options.Region);
        var bedrock = new AnthropicBedrockClient(credentials)
            .WithOptions(o => o with { HttpClient = http, MaxRetries = 0, Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds * 3) });
        return bedrock.AsIChatClient(modelId, options.MaxOutputTokens);
    }
}
