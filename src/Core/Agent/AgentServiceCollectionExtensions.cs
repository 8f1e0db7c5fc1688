using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MspSupport.Core.Agent.Deterministic;
using MspSupport.Core.Agent.Models;
using MspSupport.Core.Agent.Routing;
using MspSupport.Core.Agent.Tools;

namespace MspSupport.Core.Agent;

public static class AgentServiceCollectionExtensions
{
    /// <summary>
    /// The agent core (<see cref="IAgent"/>): routing from <c>Agent:Routing</c>, models from <c>Agent:Models</c>
    /// (both validated at start), tools, memory around turns. Needs tickets and memory stores registered
    /// (<c>AddTickets</c>, <c>AddMemory</c>); uses knowledge search when <c>AddKnowledge</c> registered it.
    /// </summary>
    public static IServiceCollection AddAgent(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RoutingOptions>, RoutingOptionsValidator>());
        services.AddOptions<AgentModelOptions>().Bind(configuration.GetSection(AgentModelOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentModelOptions>, AgentModelOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Router>();
        services.TryAddSingleton<AgentModels>();
        services.TryAddSingleton<TicketActions>();
        services.TryAddSingleton<MemoryActions>();
        services.TryAddSingleton<DeterministicResponder>();
        services.TryAddSingleton<FileIntake>();
        services.TryAddTransient<ExtractiveAnswerer>();
        services.TryAddTransient<AgentTools>();
        services.TryAddSingleton<TurnMemory>();
        services.TryAddTransient<ModelResponder>();
        services.TryAddTransient<MemoryExtractor>();
        services.TryAddTransient<SupportAgent>();
        services.TryAddTransient<IAgent>(sp => new InstrumentedAgent(sp.GetRequiredService<SupportAgent>(), sp.GetRequiredService<ILogger<InstrumentedAgent>>()));

        var models = new AgentModelOptions();
        configuration.GetSection(AgentModelOptions.Section).Bind(models);
        for (var tier = 1; tier <= 2; tier++)
        {
            AddModelHttpClient(services, tier, models.For(tier));
        }

        return services;
    }

    private static void AddModelHttpClient(IServiceCollection services, int tier, ModelOptions options)
    {
        if (options.Provider == ModelProvider.None)
        {
            return;
        }

        if (options.Provider == ModelProvider.Bedrock)
        {
            // Only resolved when a Bedrock tier is built; hosts and tests may register their own first.
            services.TryAddSingleton<AWSCredentials>(_ => DefaultAWSCredentialsIdentityResolver.GetCredentials());
        }

        var attempt = TimeSpan.FromSeconds(options.TimeoutSeconds);
        var builder = services.AddHttpClient(AgentModels.HttpClientName(tier));
        builder.AddStandardResilienceHandler(resilience =>
        {
            resilience.AttemptTimeout.Timeout = attempt;
            resilience.TotalRequestTimeout.Timeout = attempt * 3;
            resilience.CircuitBreaker.SamplingDuration = attempt * 2;
            resilience.Retry.MaxRetryAttempts = Math.Max(options.MaxRetries, 1);
            resilience.Retry.Delay = TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds);
            if (options.MaxRetries == 0)
            {
                resilience.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
            }
        });
        if (options.Provider == ModelProvider.Bedrock && Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint))
        {
            builder.AddHttpMessageHandler(() => new EndpointOverrideHandler(endpoint));
        }
    }
}
