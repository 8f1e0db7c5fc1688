using Microsoft.Extensions.Options;

namespace MspSupport.Core.Storage;

/// <summary>Checks <see cref="StorageOptions"/> at start-up (source-generated, so it also works under Native AOT).</summary>
[OptionsValidator]
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;
