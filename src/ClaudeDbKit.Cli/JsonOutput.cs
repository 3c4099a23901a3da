using System.Text.Json;
using ClaudeDbKit.Migrations;

namespace ClaudeDbKit.Cli;

/// <summary>Machine-readable results for stdout (<c>--json</c>): stable lower-case names, one object per run.</summary>
internal static class JsonOutput
{
    public static void Write(TextWriter output, MigrationResult result)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("dryRun", result.DryRun);
            json.WriteStartArray("scripts");
            foreach (var s in result.Scripts)
            {
                json.WriteStartObject();
                json.WriteString("name", s.Name);
                json.WriteString("kind", TextOutput.Kind(s.Kind));
                json.WriteString("action", TextOutput.Action(s.Action).Replace(' ', '_'));
                json.WriteNumber("durationMs", Math.Round(s.Duration.TotalMilliseconds, 1));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteStatusArray(json, result.Status);
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    public static void Write(TextWriter output, IReadOnlyList<ScriptStatus> status)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            WriteStatusArray(json, status);
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteStatusArray(Utf8JsonWriter json, IReadOnlyList<ScriptStatus> status)
    {
        json.WriteStartArray("status");
        foreach (var s in status)
        {
            json.WriteStartObject();
            json.WriteString("name", s.Name);
            json.WriteString("kind", TextOutput.Kind(s.Kind));
            json.WriteString("state", TextOutput.State(s.State));
            WriteNullable(json, "checksum", s.Checksum);
            WriteNullable(json, "journalChecksum", s.JournalChecksum);
            if (s.AppliedAtUtc is { } applied)
                json.WriteString("appliedAtUtc", DateTime.SpecifyKind(applied, DateTimeKind.Utc));
            else
                json.WriteNull("appliedAtUtc");
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }
}
