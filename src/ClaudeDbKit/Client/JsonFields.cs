using System.Globalization;
using System.Text.Json;

namespace ClaudeDbKit.Client;

/// <summary>Lenient readers for the jsonb results of the SQL functions: a missing or null field reads as null, never as an error.</summary>
internal static class JsonFields
{
    public static List<T> Array<T>(JsonElement root, string name, Func<JsonElement, T> read) =>
        root.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().Select(read).ToList() : [];

    public static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;

    public static Guid? Uuid(JsonElement e, string name) => Guid.TryParse(Text(e, name), out var g) ? g : null;

    public static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    public static DateTime? Time(JsonElement e, string name) =>
        DateTime.TryParse(Text(e, name), CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var d) ? d : null;

    /// <summary>The object under <paramref name="name"/>, or an undefined element when it is missing or null.</summary>
    public static JsonElement Object(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;
}
