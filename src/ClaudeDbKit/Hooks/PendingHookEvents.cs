using System.Text;

namespace ClaudeDbKit.Hooks;

/// <summary>
/// The local file of hook events that could not reach the database (<c>queue.jsonl</c> in the state
/// folder, one JSON line per event, oldest first). Hooks of one machine may run at the same moment,
/// so every read-modify-write holds an exclusive lock file.
/// </summary>
public sealed class PendingHookEvents(string stateDirectory)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public string QueueFile => Path.Combine(stateDirectory, "queue.jsonl");

    /// <summary>Events that the database refused under its rules, or damaged lines: kept for a person to read, never replayed.</summary>
    public string RejectedFile => Path.Combine(stateDirectory, "queue.rejected.jsonl");

    private string LockFile => Path.Combine(stateDirectory, "queue.lock");

    public async Task AppendAsync(QueuedHookEvent hookEvent, CancellationToken cancellationToken = default)
    {
        await using var _ = await LockAsync(cancellationToken).ConfigureAwait(false);
        await File.AppendAllTextAsync(QueueFile, hookEvent.ToJsonLine() + "\n", Utf8, cancellationToken).ConfigureAwait(false);
    }

    public bool IsEmpty => !File.Exists(QueueFile) || new FileInfo(QueueFile).Length == 0;

    /// <summary>
    /// Applies queued events in order. <paramref name="apply"/> returns true when the event took effect
    /// (or was already applied), false when the database is unreachable again: the event and all after
    /// it stay queued. An event the database refuses throws <see cref="ClaudeDbException"/> and moves to
    /// the rejected file. Returns how many events left the queue.
    /// </summary>
    public async Task<int> DrainAsync(Func<QueuedHookEvent, Task<bool>> apply, Action<string> log, CancellationToken cancellationToken = default)
    {
        if (IsEmpty)
            return 0;
        await using var _ = await LockAsync(cancellationToken).ConfigureAwait(false);
        if (!File.Exists(QueueFile))
            return 0;
        var lines = (await File.ReadAllLinesAsync(QueueFile, Utf8, cancellationToken).ConfigureAwait(false))
            .Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var done = 0;
        for (; done < lines.Count; done++)
        {
            var queued = QueuedHookEvent.FromJsonLine(lines[done]);
            if (queued is null)
            {
                log($"A damaged line of {QueueFile} was moved to {RejectedFile}.");
                await RejectAsync(lines[done], "damaged line", cancellationToken).ConfigureAwait(false);
                continue;
            }
            try
            {
                if (!await apply(queued).ConfigureAwait(false))
                    break;
            }
            catch (ClaudeDbException e)
            {
                log($"The queued {queued.Event} event {queued.EventId} was refused by the database and moved to {RejectedFile}: {e.Message}");
                await RejectAsync(lines[done], e.Message, cancellationToken).ConfigureAwait(false);
            }
        }

        // Written to a new file and renamed, so a crash leaves either the old or the new queue, never half of one.
        var remaining = lines.Skip(done).ToList();
        var temporary = QueueFile + ".tmp";
        await File.WriteAllLinesAsync(temporary, remaining, Utf8, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, QueueFile, overwrite: true);
        return done;
    }

    private Task RejectAsync(string line, string reason, CancellationToken cancellationToken) =>
        File.AppendAllTextAsync(RejectedFile, $"{line}\t{reason.ReplaceLineEndings(" ")}\n", Utf8, cancellationToken);

    private async Task<FileStream> LockAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(stateDirectory);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (attempt < 100)
            {
                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
