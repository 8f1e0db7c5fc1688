namespace MspSupport.Core.Identity;

/// <summary>What a caller may do. Ordered by privilege: a higher value may do everything a lower one may.</summary>
public enum CallerRole
{
    /// <summary>A user of one of the MSP's customers: sees and changes only that customer's tickets.</summary>
    Customer = 0,

    /// <summary>An MSP technician: works on the tickets of every customer.</summary>
    Technician = 1,

    /// <summary>An MSP administrator: everything a technician may do, and deleting tickets.</summary>
    Admin = 2,
}
