namespace MspSupport.Core.Handoff;

/// <summary>
/// Where a ticket's triage card lives: the technicians' channel (<see cref="ConversationId"/>, a Teams channel id),
/// the card's own activity (updated in place; its replies form the ticket's thread) and the service URL to send to.
/// </summary>
public sealed record TriageThread(string Channel, string ServiceUrl, string ConversationId, string ActivityId);
