namespace ClaudeDbKit.Client;

/// <summary>
/// Answers a reminder's check: the database evaluates <c>table_empty</c> and <c>sql_query</c>; this
/// machine answers <c>file_exists</c> (the path is on the client, not on the server); <c>manual</c>
/// stays unanswered (null) for a person to decide.
/// </summary>
public static class ReminderCheck
{
    public static async Task<bool?> EvaluateAsync(ClaudeDbClient client, Guid reminderId, CancellationToken cancellationToken = default)
    {
        var answer = await client.Reminders.CheckAsync(reminderId, cancellationToken).ConfigureAwait(false);
        if (answer is not null)
            return answer;

        var reminder = (await client.Reminders.DueAsync(null, cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.ReminderId == reminderId);
        if (reminder is { CheckType: "file_exists", CheckCondition: { Length: > 0 } path })
        {
            var expanded = Environment.ExpandEnvironmentVariables(path);
            return File.Exists(expanded) || Directory.Exists(expanded);
        }
        return null;
    }
}
