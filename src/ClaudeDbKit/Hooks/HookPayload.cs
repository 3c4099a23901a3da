using System.Text.Json;

namespace ClaudeDbKit.Hooks;

/// <summary>The JSON object Claude Code writes to a hook's stdin. Missing fields are null; unknown fields are ignored.</summary>
public sealed record HookPayload(
    Guid? SessionId,
    string? Cwd,
    string? HookEventName,
    string? Source,
    string? Reason,
    string? AgentId,
    string? AgentType,
    string? Summary)
{
    /// <exception cref="HookPayloadException">The text is empty or not a JSON object.</exception>
    public static HookPayload Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new HookPayloadException("stdin was empty; Claude Code sends the hook payload as one JSON object on stdin.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new HookPayloadException($"stdin is not JSON ({e.Message}).");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new HookPayloadException($"stdin holds a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object.");
            var sessionText = Text(root, "session_id");
            Guid? sessionId = null;
            if (sessionText is not null)
            {
                if (!Guid.TryParse(sessionText, out var parsed))
                    throw new HookPayloadException($"session_id '{Shorten(sessionText)}' is not a uuid.");
                sessionId = parsed;
            }
            return new HookPayload(sessionId, Text(root, "cwd"), Text(root, "hook_event_name"), Text(root, "source"), Text(root, "reason"),
                Text(root, "agent_id"), Text(root, "agent_type"), Text(root, "summary"));
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "...";
}

/// <summary>The hook payload cannot be used; the hook writes nothing and says why on stderr.</summary>
public sealed class HookPayloadException(string message) : ClaudeDbException("HookPayloadInvalid", message);
