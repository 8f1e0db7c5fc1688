namespace MspSupport.Bot.Tests.Reliability;

/// <summary>
/// A ticket a customer filed and was told about: the channel, the unique title the test gave it, the id the reply
/// carried, and how many times the request was sent again (retries, double submits, repeated keys).
/// </summary>
internal sealed record FiledTicket(string Channel, string Title, string TicketId, int Resends);
