using Npgsql;
using NpgsqlTypes;

namespace ClaudeDbKit.Client;

/// <summary>Typed positional parameters: a null still carries its type, so PostgreSQL resolves the function overload.</summary>
internal static class Parameters
{
    public static NpgsqlParameter Uuid(Guid? value) => Typed(NpgsqlDbType.Uuid, value);

    public static NpgsqlParameter Text(string? value) => Typed(NpgsqlDbType.Text, value);

    public static NpgsqlParameter Integer(int? value) => Typed(NpgsqlDbType.Integer, value);

    public static NpgsqlParameter Boolean(bool? value) => Typed(NpgsqlDbType.Boolean, value);

    public static NpgsqlParameter Jsonb(string? json) => Typed(NpgsqlDbType.Jsonb, json);

    public static NpgsqlParameter TextArray(IReadOnlyCollection<string>? values) =>
        Typed(NpgsqlDbType.Array | NpgsqlDbType.Text, values?.ToArray());

    public static NpgsqlParameter UuidArray(IReadOnlyCollection<Guid>? values) =>
        Typed(NpgsqlDbType.Array | NpgsqlDbType.Uuid, values?.ToArray());

    public static NpgsqlParameter Interval(TimeSpan? value) => Typed(NpgsqlDbType.Interval, value);

    public static NpgsqlParameter Timestamp(DateTime? value) =>
        Typed(NpgsqlDbType.Timestamp, value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Unspecified) : null);

    private static NpgsqlParameter Typed(NpgsqlDbType type, object? value) =>
        new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };
}
