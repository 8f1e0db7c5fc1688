using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MspSupport.Core.Identity;

namespace MspSupport.Core.Tickets.Attachments;

/// <summary>
/// Files on tickets. A file is checked (<see cref="AttachmentRules"/>), its bytes stored, then its record added to the
/// ticket through <see cref="TicketService"/>, which decides who may change the ticket. When that fails, the stored
/// bytes are removed again, so a refused or failed attachment leaves nothing behind. A file can also be stored
/// before its ticket exists (sent while the ticket form is open) and attached once the ticket is created.
/// </summary>
public sealed partial class TicketAttachmentService(
    TicketService tickets, IAttachmentContentStore content, IOptions<AttachmentOptions> options, TimeProvider time, ILogger<TicketAttachmentService> logger)
{
    public long MaxBytes => options.Value.MaxBytes;

    /// <summary>Checks and stores one file without a ticket yet; attach it later with <see cref="AttachAsync"/>.</summary>
    public async Task<TicketResult<TicketAttachment>> StoreAsync(CallerIdentity caller, IncomingFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(file);
        var errors = new ValidationErrors();
        if (AttachmentRules.Check(file.FileName, file.Content.Span, options.Value.MaxBytes, errors) is not { } checkedFile)
        {
            return TicketResult<TicketAttachment>.Invalid(errors);
        }

        var attachment = new TicketAttachment
        {
            AttachmentId = $"A-{RandomNumberGenerator.GetHexString(16, lowercase: true)}",
            FileName = checkedFile.FileName,
            ContentType = checkedFile.ContentType,
            Size = file.Content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content.Span)),
            AddedBy = caller.Name,
            AddedAt = UtcTimestamp.Truncate(time.GetUtcNow()),
        };
        await content.PutAsync(attachment.ContentKey, file.Content, attachment.ContentType, cancellationToken);
        return TicketResult<TicketAttachment>.Ok(attachment);
    }

    /// <summary>Adds stored files to a ticket the caller may change. On failure the files stay stored; see <see cref="DiscardAsync"/>.</summary>
    public Task<TicketResult<Ticket>> AttachAsync(CallerIdentity caller, string ticketId, IReadOnlyList<TicketAttachment> files, CancellationToken cancellationToken) =>
        tickets.UpdateAsync(caller, ticketId, new TicketChanges { AddAttachments = files }, null, cancellationToken);

    /// <summary>Store and attach in one step (the ticket API): all or nothing.</summary>
    public async Task<TicketResult<Ticket>> UploadAsync(CallerIdentity caller, string ticketId, IncomingFile file, CancellationToken cancellationToken)
    {
        // Refuse early for a ticket the caller cannot see, before any bytes are written.
        var visible = await tickets.GetAsync(caller, ticketId, cancellationToken);
        if (!visible.Succeeded)
        {
            return visible;
        }

        var stored = await StoreAsync(caller, file, cancellationToken);
        if (!stored.Succeeded)
        {
            return stored.As<Ticket>();
        }

        TicketResult<Ticket>? attached = null;
        try
        {
            attached = await AttachAsync(caller, ticketId, [stored.Value!], cancellationToken);
            return attached;
        }
        finally
        {
            if (attached is not { Succeeded: true })
            {
                await DiscardAsync([stored.Value!], CancellationToken.None);
            }
        }
    }

    /// <summary>The file's record and bytes, for a caller who may see the ticket.</summary>
    public async Task<TicketResult<(TicketAttachment Attachment, byte[] Content)>> OpenAsync(CallerIdentity caller, string ticketId, string attachmentId, CancellationToken cancellationToken)
    {
        var ticket = await tickets.GetAsync(caller, ticketId, cancellationToken);
        if (!ticket.Succeeded)
        {
            return ticket.As<(TicketAttachment, byte[])>();
        }

        var attachment = ticket.Value!.Attachments.FirstOrDefault(a => string.Equals(a.AttachmentId, attachmentId, StringComparison.Ordinal));
        var bytes = attachment is null ? null : await content.GetAsync(attachment.ContentKey, cancellationToken);
        return attachment is null || bytes is null
            ? TicketResult<(TicketAttachment, byte[])>.Fail(TicketOutcome.NotFound, $"Ticket {ticket.Value!.TicketId} has no file {TicketRules.Shorten(attachmentId)}.")
            : TicketResult<(TicketAttachment, byte[])>.Ok((attachment, bytes));
    }

    /// <summary>Removes the bytes of files that were stored but never attached (best effort, logged).</summary>
    public async Task DiscardAsync(IEnumerable<TicketAttachment> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files)
        {
            try
            {
                await content.DeleteAsync(file.ContentKey, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Amazon.Runtime.AmazonServiceException)
            {
                LogDiscardFailed(e, file.ContentKey);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Could not remove the unattached file {ContentKey}")]
    private partial void LogDiscardFailed(Exception exception, string contentKey);
}
