using System.Data.Common;

namespace ClaudeDbKit.Client;

/// <summary>Null-aware column readers for mapping result rows to records.</summary>
internal static class Reading
{
    public static string? Text(this DbDataReader reader, string column) =>
        reader[column] is string s ? s : null;

    public static Guid? Uuid(this DbDataReader reader, string column) =>
        reader[column] is Guid g ? g : null;

    public static DateTime? Timestamp(this DbDataReader reader, string column) =>
        reader[column] is DateTime d ? d : null;

    public static int? Integer(this DbDataReader reader, string column) =>
        reader[column] is int i ? i : null;

    public static bool? Boolean(this DbDataReader reader, string column) =>
        reader[column] is bool b ? b : null;
}
