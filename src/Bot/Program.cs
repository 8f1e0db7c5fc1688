using MspSupport.TicketFunctions;

// The bot host: on embedded defaults it also serves the ticket API, so that one command runs the whole assistant.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddTicketFunctions(builder.Configuration, builder.Environment.ContentRootPath);

var app = builder.Build();
app.UseTicketFunctions();
app.Run();
