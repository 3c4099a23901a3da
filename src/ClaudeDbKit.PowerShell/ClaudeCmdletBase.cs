using System.Management.Automation;
using ClaudeDbKit.Connections;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// What every ClaudeDbKit cmdlet shares: <c>-ConnectionString</c> (else <c>$env:CLAUDEDB_CONNECTION</c>),
/// Ctrl+C cancellation, and running one core call on the pipeline thread with its errors as error records.
/// </summary>
public abstract class ClaudeCmdletBase : PSCmdlet, IDisposable
{
    /// <summary>The error id when neither <c>-ConnectionString</c> nor <c>$env:CLAUDEDB_CONNECTION</c> is given.</summary>
    public const string ConnectionMissingErrorId = "ConnectionMissing";

    /// <summary>The error id when the connection string cannot be read.</summary>
    public const string ConnectionInvalidErrorId = "ConnectionInvalid";

    private readonly CancellationTokenSource _stopping = new();
    private string? _connectionDescription;

    /// <summary>Npgsql connection string or postgres:// URL; defaults to <c>$env:CLAUDEDB_CONNECTION</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConnectionString { get; set; }

    /// <summary>The connection string to use; stops the cmdlet with an error record when there is none or it is unreadable.</summary>
    protected string ResolveConnectionString()
    {
        var source = "-ConnectionString";
        var value = ConnectionString;
        if (string.IsNullOrWhiteSpace(value))
        {
            source = "$env:" + ConnectionStrings.EnvironmentVariable;
            value = Environment.GetEnvironmentVariable(ConnectionStrings.EnvironmentVariable);
        }

        if (string.IsNullOrWhiteSpace(value))
            ThrowTerminatingError(ErrorRecords.Create(ConnectionMissingErrorId, ErrorCategory.InvalidArgument,
                $"No database given. Pass -ConnectionString 'Host=...;Database=...;Username=...', or set $env:{ConnectionStrings.EnvironmentVariable}. " +
                "For a private local server, run 'claudedb --local status' once and use the connection string it prints.",
                target: null));

        try
        {
            var builder = ConnectionStrings.Parse(value!);
            _connectionDescription = ConnectionStrings.Describe(builder);
            WriteVerbose($"Connecting with {source}: {ConnectionStrings.Redact(builder)}");
            return builder.ConnectionString;
        }
        catch (ArgumentException e)
        {
            // ConnectionStrings.Parse never quotes the value it was given, so no password reaches the message.
            ThrowTerminatingError(ErrorRecords.Create(ConnectionInvalidErrorId, ErrorCategory.InvalidArgument, $"{source}: {e.Message}", target: null, e));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    /// <summary>user@host:port/database of the resolved connection, for messages; never the password.</summary>
    protected string ConnectionDescription => _connectionDescription ?? "(no connection)";

    /// <summary>Runs one core call to completion on the pipeline thread; see <see cref="RunCore{TResult, TProgress}"/>.</summary>
    protected TResult RunCore<TResult>(Func<CancellationToken, Task<TResult>> operation) =>
        RunCore<TResult, object>((_, cancellationToken) => operation(cancellationToken), _ => { });

    /// <summary>
    /// Runs one core call to completion, handing its progress reports to <paramref name="onProgress"/> on the
    /// pipeline thread (WriteVerbose and WriteProgress work only there). A toolkit or Npgsql error stops the
    /// cmdlet with an error record; Ctrl+C cancels the call.
    /// </summary>
    protected TResult RunCore<TResult, TProgress>(Func<IProgress<TProgress>, CancellationToken, Task<TResult>> operation, Action<TProgress> onProgress)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(onProgress);
        using var progress = new PipelineProgress<TProgress>();
        var token = _stopping.Token;
        var task = Task.Run(() => operation(progress, token), token);
        progress.Pump(task, onProgress);
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception e) when (ErrorRecords.TryCreate(e, ConnectionDescription) is { } record)
        {
            ThrowTerminatingError(record);
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    /// <summary>Writes <paramref name="value"/> with <paramref name="typeName"/> first in its type names, so the format file's views apply.</summary>
    protected void WriteTypedObject(object value, string typeName)
    {
        var wrapped = PSObject.AsPSObject(value);
        wrapped.TypeNames.Insert(0, typeName);
        WriteObject(wrapped);
    }

    /// <summary>Ctrl+C: cancel the running core call.</summary>
    protected override void StopProcessing() => _stopping.Cancel();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
            _stopping.Dispose();
    }
}
