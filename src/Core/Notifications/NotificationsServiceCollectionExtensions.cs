using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the conversation reference store chosen by <c>Storage:Provider</c> (the same choice and the same
    /// SQLite file or DynamoDB sessions table as the memory stores) and a hosted service that prepares it. Calling it
    /// with or without <c>AddTickets</c> or <c>AddMemory</c>, before or after, registers the storage options once. Also the
    /// record of notifications sent (<see cref="SentNotifications"/>, <c>Notifications:*</c> settings), in the same place.
    /// </summary>
    public static IServiceCollection AddConversationReferences(this IServiceCollection services, IConfiguration configuration)
    {
        StorageRegistration.AddStorageOptions(services, configuration, contentRoot: null);
        services.TryAddSingleton<IConversationReferenceStore>(sp => Provider(sp) switch
        {
            StorageProvider.DynamoDb => ActivatorUtilities.CreateInstance<DynamoDbConversationReferenceStore>(sp),
            _ => ActivatorUtilities.CreateInstance<SqliteConversationReferenceStore>(sp),
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ConversationReferenceStoreInitializer>());

        // Notifications are at least once; the record of those sent makes a redelivered change tell its requester once.
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.TryAddSingleton<ISentNotificationStore>(sp => Provider(sp) switch
        {
            StorageProvider.DynamoDb => ActivatorUtilities.CreateInstance<DynamoDbSentNotificationStore>(sp),
            _ => ActivatorUtilities.CreateInstance<SqliteSentNotificationStore>(sp),
        });
        services.TryAddSingleton<SentNotifications>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SentNotificationStoreInitializer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITicketChangeListener, ConversationReferenceRecorder>());
        return services;
    }

    /// <summary>
    /// Registers what tells requesters about changes to their tickets: <see cref="RequesterNotifications"/> (a ticket
    /// change listener that sends through the <see cref="IRequesterNotifier"/> each channel registers), the outbox of
    /// failed sends (<see cref="IPendingNotificationStore"/>, in the same storage as the references) and
    /// <see cref="NotificationRedelivery"/>, which sends them again. Needs the ticket store and the identity directory
    /// (<c>AddTickets</c>, <c>AddIdentityDirectory</c>).
    /// </summary>
    public static IServiceCollection AddRequesterNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConversationReferences(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPendingNotificationStore>(sp => Provider(sp) switch
        {
            StorageProvider.DynamoDb => ActivatorUtilities.CreateInstance<DynamoDbPendingNotificationStore>(sp),
            _ => ActivatorUtilities.CreateInstance<SqlitePendingNotificationStore>(sp),
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PendingNotificationStoreInitializer>());
        services.TryAddSingleton<RequesterNotifications>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITicketChangeListener, RequesterNotifications>(sp => sp.GetRequiredService<RequesterNotifications>()));
        // After the initializer: hosted services start in the order they were added.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, NotificationRedelivery>());
        return services;
    }

    private static StorageProvider Provider(IServiceProvider services) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider;
}
