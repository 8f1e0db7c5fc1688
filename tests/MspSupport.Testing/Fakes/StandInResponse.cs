namespace MspSupport.Testing.Fakes;

public sealed record StandInResponse(int Status, string Body, string ContentType = "application/json");
