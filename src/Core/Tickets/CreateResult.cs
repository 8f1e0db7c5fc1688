namespace MspSupport.Core.Tickets;

public sealed record CreateResult(CreateStatus Status, Ticket? Ticket)
{
    public static CreateResult Created(Ticket ticket) => new(CreateStatus.Created, ticket);
    public static CreateResult Replayed(Ticket ticket) => new(CreateStatus.Replayed, ticket);
    public static readonly CreateResult KeyReused = new(CreateStatus.KeyReused, null);
    public static readonly CreateResult IdTaken = new(CreateStatus.IdTaken, null);
}
