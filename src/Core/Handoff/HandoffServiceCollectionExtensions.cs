using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;

namespace MspSupport.Core.Handoff;

public static class HandoffServiceCollectionExtensions
{
    /// <summary>
    /// Escalation and technician handoff: options from <c>Handoff</c> (validated at start), the case store chosen by
    /// <c>Storage:Provider</c> (the same SQLite file or DynamoDB sessions table as memory), the escalation service, the
    /// desk and the agent's gate. Channels register their <see cref="ICustomerChannel"/> and <see cref="ITriageChannel"/>.
    /// </summary>
    public static IServiceCollection AddHandoff(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        StorageRegistration.AddStorageOptions(services, configuration, contentRoot: null);
        services.AddOptions<HandoffOptions>().Bind(configuration.GetSection(HandoffOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HandoffOptions>, HandoffOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHandoffStore>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider switch
        {
            StorageProvider.DynamoDb => ActivatorUtilities.CreateInstance<DynamoDbHandoffStore>(sp),
            _ => ActivatorUtilities.CreateInstance<SqliteHandoffStore>(sp),
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HandoffStoreInitializer>());
        services.TryAddSingleton<HandoffCases>();
        services.TryAddSingleton<EscalationService>();
        services.TryAddSingleton<HandoffDesk>();
        services.TryAddTransient<HandoffGate>();
        return services;
    }
}
