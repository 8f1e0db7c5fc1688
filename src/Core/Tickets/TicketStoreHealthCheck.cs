using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MspSupport.Core.Tickets;

/// <summary>Readiness: the ticket store answers.</summary>
public sealed class TicketStoreHealthCheck(ITicketStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy("The ticket store answers.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The ticket store does not answer.", e);
        }
    }
}
