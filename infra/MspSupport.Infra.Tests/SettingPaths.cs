using System.Reflection;
using MspSupport.Bot;
using MspSupport.Core.Storage;
using MspSupport.TicketFunctions;

namespace MspSupport.Infra.Tests;

/// <summary>
/// Which configuration keys the application binds, worked out from its option types: every public <c>*Options</c>
/// class with a <c>Section</c> constant in the Core, ticket API and bot assemblies is a root, and a key is bound when
/// its segments walk from such a root through settable properties (list indexes and dictionary keys included) down
/// to a plain value, the way <c>ConfigurationBinder</c> walks them.
/// </summary>
internal static class SettingPaths
{
    /// <summary>Settings of a channel being built on another branch; they count as bound until its options type arrives.</summary>
    private static readonly string[] Pending = ["Slack:SigningSecret", "Slack:BotToken"];

    public static IReadOnlyList<(string Section, Type Type)> Roots { get; } =
    [
        .. new[] { typeof(StorageOptions).Assembly, typeof(TicketFunctionsSetup).Assembly, typeof(BotSetup).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.Name.EndsWith("Options", StringComparison.Ordinal))
            .Select(t => (Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static), Type: t))
            .Where(r => r.Field is { IsLiteral: true } && r.Field.FieldType == typeof(string))
            .Select(r => ((string)r.Field!.GetRawConstantValue()!, r.Type)),
    ];

    public static bool IsBound(string key)
    {
        var segments = key.Split(':');
        var bound = Roots.Any(root =>
        {
            var section = root.Section.Split(':');
            return segments.Length > section.Length
                && segments.Take(section.Length).SequenceEqual(section, StringComparer.OrdinalIgnoreCase)
                && Walk(root.Type, segments.AsSpan(section.Length));
        });
        return bound || (Pending.Contains(key, StringComparer.OrdinalIgnoreCase)
            && !Roots.Any(r => r.Section.Equals(key.Split(':')[0], StringComparison.OrdinalIgnoreCase)));
    }

    private static bool Walk(Type type, ReadOnlySpan<string> segments)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (segments.IsEmpty)
        {
            return IsValue(type);
        }

        if (IsValue(type))
        {
            return false;
        }

        if (Generic(type, typeof(IDictionary<,>)) is { } dictionary)
        {
            return Walk(dictionary[1], segments[1..]);
        }

        if (Generic(type, typeof(IEnumerable<>)) is { } list)
        {
            return int.TryParse(segments[0], out var index) && index >= 0 && Walk(list[0], segments[1..]);
        }

        var property = type.GetProperty(segments[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null || property.GetIndexParameters().Length > 0)
        {
            return false;
        }

        // The binder sets public setters, and fills get-only objects and collections in place; a get-only value it skips.
        var settable = property.SetMethod is { IsPublic: true } || !IsValue(property.PropertyType);
        return settable && Walk(property.PropertyType, segments[1..]);
    }

    private static bool IsValue(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(Uri) || type == typeof(Guid) || type == typeof(DateTimeOffset)
        || (Nullable.GetUnderlyingType(type) is { } inner && IsValue(inner));

    private static Type[]? Generic(Type type, Type definition)
    {
        if (type == typeof(string))
        {
            return null;
        }

        var match = type.IsGenericType && type.GetGenericTypeDefinition() == definition
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
        return match?.GetGenericArguments();
    }
}
