using NpgsqlTypes;

namespace ClaudeDbKit.Tests.Security;

/// <summary>One hostile value: its class (for the report), what it is, and the PostgreSQL type it is sent as.</summary>
public sealed record HostileValue(string Class, object Value, NpgsqlDbType Type)
{
    /// <summary>A text value that a successful write must store verbatim.</summary>
    public bool MustRoundTrip => Class is "injection" or "unicode" or "1 MB" && Type == NpgsqlDbType.Text;

    public override string ToString() => $"{Class} {Describe(Value)}";

    private static string Describe(object value) => value switch
    {
        string s when s.Length > 60 => $"'{s[..20]}...' ({s.Length} chars)",
        string s => $"'{s.Replace("\0", "\\0", StringComparison.Ordinal)}'",
        string[] a => "{" + string.Join(", ", a.Select(Describe)) + "}",
        _ => value.ToString() ?? "",
    };
}

/// <summary>The values each parameter type is attacked with (issue 10's classes).</summary>
public static class HostileValues
{
    public const string Megabyte = "1 MB";

    private static readonly string Big = new('x', 1 << 20);

    private static readonly string[] NulArray = ["nul\0byte"];

    private static readonly string[] BlankArray = ["", " "];

    private static readonly string[] Injections =
    [
        "'; drop table claude.sessions; --",
        "$$; DROP TABLE claude.sessions; $$",
        "$fn$ || pg_sleep(10) || $fn$",
        "\\'; SELECT pg_sleep(10); --",
        "' OR '1'='1",
        "\"; DROP ROLE postgres; --",
        "%I %L %s %% $1 :name",
        "\\",
    ];

    public static IReadOnlyList<HostileValue> For(string type) => type switch
    {
        "text" =>
        [
            .. Injections.Select(v => new HostileValue("injection", v, NpgsqlDbType.Text)),
            new("unicode", "Ünïcødé ✓ 😀 \u202Eevil", NpgsqlDbType.Text),
            new("NUL", "nul\0byte", NpgsqlDbType.Text),
            new(Megabyte, Big, NpgsqlDbType.Text),
            new("empty", "", NpgsqlDbType.Text),
            new("whitespace", " \t\r\n ", NpgsqlDbType.Text),
            new("bad uuid", "not-a-uuid", NpgsqlDbType.Text),
            new("unknown uuid", Guid.NewGuid().ToString(), NpgsqlDbType.Text),
            new("bad code", "F99999999999999999999", NpgsqlDbType.Text),
        ],
        "text[]" =>
        [
            new("injection", Injections, NpgsqlDbType.Array | NpgsqlDbType.Text),
            new("NUL", NulArray, NpgsqlDbType.Array | NpgsqlDbType.Text),
            new(Megabyte, new[] { Big }, NpgsqlDbType.Array | NpgsqlDbType.Text),
            new("empty", BlankArray, NpgsqlDbType.Array | NpgsqlDbType.Text),
            new("empty", Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text),
        ],
        "uuid" =>
        [
            new("unknown uuid", Guid.NewGuid(), NpgsqlDbType.Uuid),
            new("unknown uuid", Guid.Empty, NpgsqlDbType.Uuid),
        ],
        "uuid[]" =>
        [
            new("unknown uuid", new[] { Guid.NewGuid(), Guid.Empty }, NpgsqlDbType.Array | NpgsqlDbType.Uuid),
            new("empty", Array.Empty<Guid>(), NpgsqlDbType.Array | NpgsqlDbType.Uuid),
            new("many", Enumerable.Range(0, 10_000).Select(_ => Guid.NewGuid()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid),
        ],
        "integer" =>
        [
            new("number", -1, NpgsqlDbType.Integer),
            new("number", 0, NpgsqlDbType.Integer),
            new("number", int.MinValue, NpgsqlDbType.Integer),
            new("number", int.MaxValue, NpgsqlDbType.Integer),
        ],
        "timestamp without time zone" =>
        [
            new("timestamp", DateTime.MinValue, NpgsqlDbType.Timestamp),
            new("timestamp", DateTime.MaxValue, NpgsqlDbType.Timestamp),
            new("timestamp", new DateTime(1, 1, 2, 0, 0, 0, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp),
            new("timestamp", new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp),
            new("timestamp", new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp),
        ],
        "interval" =>
        [
            new("interval", TimeSpan.Zero, NpgsqlDbType.Interval),
            new("interval", TimeSpan.FromDays(-1), NpgsqlDbType.Interval),
            new("interval", TimeSpan.FromDays(3_650_000), NpgsqlDbType.Interval),
            new("interval", TimeSpan.MinValue, NpgsqlDbType.Interval),
        ],
        "jsonb" =>
        [
            new("json", "{}", NpgsqlDbType.Jsonb),
            new("json", "[]", NpgsqlDbType.Jsonb),
            new("json", "null", NpgsqlDbType.Jsonb),
            new("json", "\"'; drop table claude.sessions; --\"", NpgsqlDbType.Jsonb),
            new("json", """{"description": "$$; DROP TABLE claude.sessions; $$", "title": "'; --", "confidence_level": -5, "knowledge_id": "00000000-0000-0000-0000-000000000000"}""", NpgsqlDbType.Jsonb),
            new("json", string.Concat(Enumerable.Repeat("[", 500)) + string.Concat(Enumerable.Repeat("]", 500)), NpgsqlDbType.Jsonb),
            new(Megabyte, $$"""{"x": "{{Big}}"}""", NpgsqlDbType.Jsonb),
        ],
        "boolean" => [],
        _ => throw new ArgumentException($"no hostile values for type {type}: add them", nameof(type)),
    };
}
