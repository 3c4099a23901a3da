using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ClaudeDbKit.Hooks;

/// <summary>
/// One hook event as the database needs it, resolved at the moment the hook fired (project and identity
/// come from that moment's environment). It is what the local queue stores, one JSON line each; it
/// never holds a connection string or password.
/// </summary>
public sealed record QueuedHookEvent(
    Guid EventId,
    HookEvent Event,
    DateTime OccurredAt,
    Guid? SessionId,
    string? ProjectName,
    string? Identity,
    string? Source,
    string? Reason,
    string? Summary,
    string? AgentId,
    string? AgentType,
    string? Cwd)
{
    public static QueuedHookEvent From(HookEvent hookEvent, HookPayload payload, HookSettings settings) => new(
        Guid.NewGuid(), hookEvent, DateTime.Now, payload.SessionId, HookSettings.ProjectName(payload), settings.Identity(),
        payload.Source, payload.Reason, payload.Summary, payload.AgentId, payload.AgentType, payload.Cwd);

    public string ToJsonLine()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("event_id", EventId);
            json.WriteString("event", Event.ToString());
            json.WriteString("occurred_at", OccurredAt.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture));
            Write(json, "session_id", SessionId?.ToString());
            Write(json, "project_name", ProjectName);
            Write(json, "identity", Identity);
            Write(json, "source", Source);
            Write(json, "reason", Reason);
            Write(json, "summary", Summary);
            Write(json, "agent_id", AgentId);
            Write(json, "agent_type", AgentType);
            Write(json, "cwd", Cwd);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a queue line; null when the line is damaged (it is then kept aside, not replayed).</summary>
    public static QueuedHookEvent? FromJsonLine(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return new QueuedHookEvent(
                Guid.Parse(Text(root, "event_id")!),
                Enum.Parse<HookEvent>(Text(root, "event")!),
                DateTime.ParseExact(Text(root, "occurred_at")!, "yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture),
                Guid.TryParse(Text(root, "session_id"), out var session) ? session : null,
                Text(root, "project_name"), Text(root, "identity"), Text(root, "source"), Text(root, "reason"), Text(root, "summary"),
                Text(root, "agent_id"), Text(root, "agent_type"), Text(root, "cwd"));
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static void Write(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
            json.WriteString(name, value);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
