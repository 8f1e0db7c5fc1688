using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using MspSupport.Core.Tickets;
using MspSupport.TicketFunctions.Tickets;

namespace MspSupport.TicketFunctions.Http;

/// <summary>Every type the API writes or documents, source-generated for Native AOT.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Ticket))]
[JsonSerializable(typeof(TicketAttachment))]
[JsonSerializable(typeof(TicketList))]
[JsonSerializable(typeof(CreateTicketBody))]
[JsonSerializable(typeof(UpdateTicketBody))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
