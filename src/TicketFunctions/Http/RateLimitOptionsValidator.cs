using Microsoft.Extensions.Options;

namespace MspSupport.TicketFunctions.Http;

[OptionsValidator]
public sealed partial class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>;
