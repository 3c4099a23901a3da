using System.Text;
using System.Text.Json;
using ClaudeDbKit.Client;

namespace ClaudeDbKit.Hooks;

/// <summary>
/// Runs one Claude Code hook event: fail open (the exit code is always 0 and stdout holds only the
/// hook's JSON), lose nothing (an event that cannot reach the database is queued and replayed, in
/// order and once, by the next hook that can), one round trip per event.
/// </summary>
public sealed class HookRunner
{
    private readonly HookSettings _settings;
    private readonly TextWriter _output;
    private readonly HookLog _log;
    private readonly PendingHookEvents _queue;

    public HookRunner(HookSettings settings, TextWriter output, TextWriter diagnostics)
    {
        _settings = settings;
        _output = output;
        _log = new HookLog(settings.StateDirectory, diagnostics);
        _queue = new PendingHookEvents(settings.StateDirectory);
    }

    public PendingHookEvents Queue => _queue;

    /// <summary>Handles one event whose payload is <paramref name="stdin"/>. Never throws; returns the exit code (0).</summary>
    public async Task<int> RunAsync(HookEvent hookEvent, string stdin, CancellationToken cancellationToken = default)
    {
        QueuedHookEvent queued;
        try
        {
            var payload = HookPayload.Parse(stdin);
            if (payload.SessionId is null)
                throw new HookPayloadException("the payload has no session_id.");
            if (hookEvent is HookEvent.SubagentStart or HookEvent.SubagentStop && payload.AgentId is null)
                throw new HookPayloadException($"the {hookEvent} payload has no agent_id.");
            queued = QueuedHookEvent.From(hookEvent, payload, _settings);
            if (hookEvent == HookEvent.SessionStart && queued.ProjectName is null)
                throw new HookPayloadException($"no project: set {HookSettings.ProjectVariable} or send a cwd in the payload.");
        }
        catch (HookPayloadException e)
        {
            _log.Write($"{hookEvent}: nothing recorded: {e.Message}");
            return 0;
        }

        try
        {
            await HandleAsync(queued, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Fail open: whatever went wrong, Claude's session goes on; the event is kept if it may apply later.
            _log.Write($"{hookEvent}: unexpected {e.GetType().Name}: {e.Message}");
            await QueueAsync(queued, "after an unexpected error").ConfigureAwait(false);
        }
        return 0;
    }

    /// <summary>Replays the queue now (<c>claudedb hook replay</c>); returns how many events left it.</summary>
    public async Task<int> ReplayAsync(CancellationToken cancellationToken = default)
    {
        if (_settings.ConnectionString is null)
        {
            _log.Write("replay: no database configured.");
            return 0;
        }
        await using var client = CreateClient(_settings.ConnectionString);
        return await _queue.DrainAsync(e => TryApplyAsync(client, e, cancellationToken), _log.Write, cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleAsync(QueuedHookEvent queued, CancellationToken cancellationToken)
    {
        if (_settings.ConnectionString is null)
        {
            await QueueAsync(queued, "because no database is configured").ConfigureAwait(false);
            WriteContextIfSessionStart(queued, "ClaudeDbKit has no database configured; this session start was queued locally and will be recorded once a database is reachable.");
            return;
        }

        await using var client = CreateClient(_settings.ConnectionString);
        // Older events first: the queue is replayed before this event so the database sees them in order.
        var replayed = await _queue.DrainAsync(e => TryApplyAsync(client, e, cancellationToken), _log.Write, cancellationToken).ConfigureAwait(false);
        if (replayed > 0)
            _log.Write($"replayed {replayed} queued event(s).");
        if (!_queue.IsEmpty)
        {
            await QueueAsync(queued, "behind older events that could not be replayed").ConfigureAwait(false);
            WriteContextIfSessionStart(queued, "ClaudeDbKit could not reach its database; this session start was queued locally and will be recorded later.");
            return;
        }

        try
        {
            var briefing = await ApplyAsync(client, queued, cancellationToken).ConfigureAwait(false);
            if (briefing is not null)
                WriteContext(BriefingText.Format(StartupBriefing.Parse(briefing)));
        }
        catch (DatabaseUnavailableException e)
        {
            _log.Write($"{queued.Event}: database unreachable ({e.Message}).");
            await QueueAsync(queued, "because the database is unreachable").ConfigureAwait(false);
            WriteContextIfSessionStart(queued, "ClaudeDbKit could not reach its database; this session start was queued locally and will be recorded later.");
        }
        catch (ClaudeDbApiException e)
        {
            // Refused under a rule: replaying would be refused again. Said once, kept in the log.
            _log.Write($"{queued.Event} {queued.EventId}: refused by the database: {e.Message}");
            WriteContextIfSessionStart(queued, $"ClaudeDbKit did not record this session: {e.Message}");
        }
        catch (Npgsql.PostgresException e)
        {
            // Not a rule of ours (the schema may not be deployed yet): keep the event for later.
            _log.Write($"{queued.Event}: {e.SqlState}: {e.MessageText}");
            await QueueAsync(queued, $"after database error {e.SqlState}").ConfigureAwait(false);
            WriteContextIfSessionStart(queued, "ClaudeDbKit could not record this session start yet; it was queued locally and will be recorded later.");
        }
    }

    // true = applied (or already applied); false = unreachable, keep it queued; ClaudeDbException = refused.
    private async Task<bool> TryApplyAsync(ClaudeDbClient client, QueuedHookEvent queued, CancellationToken cancellationToken)
    {
        try
        {
            await ApplyAsync(client, queued, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DatabaseUnavailableException)
        {
            return false;
        }
        catch (Npgsql.PostgresException e)
        {
            _log.Write($"replay of {queued.EventId} postponed: {e.SqlState}: {e.MessageText}");
            return false;
        }
    }

    /// <summary>One call into the database; returns the briefing JSON for SessionStart, null otherwise.</summary>
    private async Task<string?> ApplyAsync(ClaudeDbClient client, QueuedHookEvent e, CancellationToken cancellationToken)
    {
        switch (e.Event)
        {
            case HookEvent.SessionStart:
                return await client.Hooks.SessionStartAsync(e.EventId, e.SessionId!.Value, e.ProjectName!, e.Identity, e.Source, e.OccurredAt,
                    _settings.StaleAfter, cancellationToken).ConfigureAwait(false);
            case HookEvent.SessionEnd:
                var ended = await client.Hooks.SessionEndAsync(e.EventId, e.SessionId!.Value, e.Reason, e.Summary, e.OccurredAt, cancellationToken).ConfigureAwait(false);
                if (ended != "ended")
                    _log.Write($"SessionEnd {e.SessionId}: {ended.Replace('_', ' ')}.");
                return null;
            case HookEvent.SubagentStart:
                await client.Hooks.SubagentStartAsync(e.EventId, e.AgentId!, e.SessionId!.Value, e.AgentType, e.Cwd, e.OccurredAt, cancellationToken).ConfigureAwait(false);
                return null;
            case HookEvent.SubagentStop:
                await client.Hooks.SubagentStopAsync(e.EventId, e.AgentId!, e.SessionId!.Value, true, null, null, e.AgentType, e.OccurredAt, cancellationToken).ConfigureAwait(false);
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(e), e.Event, "unknown hook event");
        }
    }

    private async Task QueueAsync(QueuedHookEvent queued, string why)
    {
        try
        {
            await _queue.AppendAsync(queued, CancellationToken.None).ConfigureAwait(false);
            _log.Write($"{queued.Event} {queued.EventId} queued in {_queue.QueueFile} {why}.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.Write($"{queued.Event} {queued.EventId} could not be queued ({e.Message}); it is lost.");
        }
    }

    private void WriteContextIfSessionStart(QueuedHookEvent queued, string text)
    {
        if (queued.Event == HookEvent.SessionStart)
            WriteContext(text);
    }

    /// <summary>The one JSON object Claude Code reads from a SessionStart hook's stdout.</summary>
    private void WriteContext(string text)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("hookSpecificOutput");
            json.WriteString("hookEventName", "SessionStart");
            json.WriteString("additionalContext", text);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        _output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        _output.Flush();
    }

    private ClaudeDbClient CreateClient(string connectionString) => new(connectionString, new ClaudeDbClientOptions
    {
        ApplicationName = "claudedb-hook",
        ConnectTimeout = _settings.ConnectTimeout,
        CommandTimeout = _settings.CommandTimeout,
        SkipTypeLoading = true,
    });
}
