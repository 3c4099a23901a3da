using System.Collections.Concurrent;
using System.Management.Automation;
using System.Reflection;
using ClaudeDbKit.Client;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// What every ClaudeDbKit cmdlet shares, connection parameters aside: Ctrl+C cancellation, running one
/// core call on the pipeline thread with its errors as error records, and typed output.
/// </summary>
public abstract class ClaudeCmdletCore : PSCmdlet, IDisposable
{
    private static readonly ConcurrentDictionary<Type, string> TypeNames = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>user@host:port/database of the resolved connection, for messages; never the password.</summary>
    protected string ConnectionDescription { get; set; } = "(no connection)";

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
        try
        {
            return Execute(operation, onProgress);
        }
        catch (Exception e) when (ErrorRecords.TryCreate(e, ConnectionDescription) is { } record)
        {
            ThrowTerminatingError(record);
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    /// <summary>
    /// Runs one core call about one pipeline item. When the database refuses it under one of its rules
    /// (a <see cref="ClaudeDbApiException"/>), writes a non-terminating error about <paramref name="item"/>
    /// and returns false, so the next items still run; an unreachable database or any other failure stops
    /// the cmdlet as <see cref="RunCore{TResult, TProgress}"/> does.
    /// </summary>
    protected bool TryRunCore<TResult, TProgress>(Func<IProgress<TProgress>, CancellationToken, Task<TResult>> operation, Action<TProgress> onProgress,
        object? item, out TResult result)
    {
        try
        {
            result = Execute(operation, onProgress);
            return true;
        }
        catch (ClaudeDbApiException e)
        {
            WriteError(ErrorRecords.FromApiException(e, item));
            result = default!;
            return false;
        }
        catch (Exception e) when (ErrorRecords.TryCreate(e, ConnectionDescription, item) is { } record)
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

    /// <summary>Writes one of the module's output records with its <c>PSTypeName</c> constant as its first type name.</summary>
    protected void WriteRecord(object record)
    {
        ArgumentNullException.ThrowIfNull(record);
        WriteTypedObject(record, TypeNames.GetOrAdd(record.GetType(), PSTypeNameOf));
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

    private TResult Execute<TResult, TProgress>(Func<IProgress<TProgress>, CancellationToken, Task<TResult>> operation, Action<TProgress> onProgress)
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
    }

    private static string PSTypeNameOf(Type type) =>
        type.GetField("PSTypeName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
        ?? throw new InvalidOperationException($"{type.FullName} has no public const string PSTypeName.");
}

/// <summary>
/// Base of the cmdlets that reach the database: <c>-ConnectionString</c> and <c>-Credential</c>, resolved as
/// <c>-ConnectionString</c>, else the runspace default from <c>Connect-ClaudeDatabase</c>, else
/// <c>$env:CLAUDEDB_CONNECTION</c>; one <see cref="ClaudeDbClient"/> per cmdlet invocation, opened on first use.
/// </summary>
public abstract class ClaudeCmdletBase : ClaudeCmdletCore
{
    /// <summary>The error id when no connection is given by any of the three sources.</summary>
    public const string ConnectionMissingErrorId = "ConnectionMissing";

    /// <summary>The error id when the connection string cannot be read.</summary>
    public const string ConnectionInvalidErrorId = "ConnectionInvalid";

    private ClaudeDbClient? _client;

    /// <summary>Npgsql connection string or postgres:// URL; defaults to the Connect-ClaudeDatabase default, then <c>$env:CLAUDEDB_CONNECTION</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConnectionString { get; set; }

    /// <summary>User name and password for the database, replacing those of the connection string.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>The typed client over the resolved connection; the first use resolves it (a terminating error when there is none).</summary>
    protected ClaudeDbClient Client => _client ??= new ClaudeDbClient(ResolveConnectionString());

    /// <summary>The connection string to use; stops the cmdlet with an error record when there is none or it is unreadable.</summary>
    protected string ResolveConnectionString()
    {
        try
        {
            var resolved = Resolve();
            if (resolved is null)
                ThrowTerminatingError(ErrorRecords.Create(ConnectionMissingErrorId, ErrorCategory.InvalidArgument, ConnectionResolution.MissingMessage, target: null));
            return Use(resolved!);
        }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(ErrorRecords.Create(ConnectionInvalidErrorId, ErrorCategory.InvalidArgument, e.Message, target: null, e));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    /// <summary>Like <see cref="ResolveConnectionString"/>, but says why there is none (verbose) and returns null instead of stopping: for hooks, which fail open.</summary>
    protected string? TryResolveConnectionString()
    {
        try
        {
            if (Resolve() is { } resolved)
                return Use(resolved);
            WriteVerbose(ConnectionResolution.MissingMessage);
        }
        catch (ArgumentException e)
        {
            WriteVerbose(e.Message);
        }
        return null;
    }

    /// <summary>Runs one client call about one pipeline item (see <see cref="ClaudeCmdletCore.TryRunCore{TResult, TProgress}"/>); false when the database refused it.</summary>
    protected bool TryInvoke(Func<ClaudeDbClient, CancellationToken, Task> call, object? item)
    {
        ArgumentNullException.ThrowIfNull(call);
        var client = Client;
        return TryRunCore<bool, object>(async (_, cancellationToken) =>
        {
            await call(client, cancellationToken).ConfigureAwait(false);
            return true;
        }, _ => { }, item, out _);
    }

    /// <summary>Runs one client call about one pipeline item and hands back its result; false when the database refused it.</summary>
    protected bool TryInvoke<TResult>(Func<ClaudeDbClient, CancellationToken, Task<TResult>> call, object? item, out TResult result)
    {
        ArgumentNullException.ThrowIfNull(call);
        var client = Client;
        return TryRunCore<TResult, object>((_, cancellationToken) => call(client, cancellationToken), _ => { }, item, out result);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _client is not null)
        {
            _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _client = null;
        }
        base.Dispose(disposing);
    }

    private ResolvedConnection? Resolve()
    {
        var hasCredential = Credential is not null && Credential != PSCredential.Empty;
        return ConnectionResolution.Resolve(
            ConnectionString,
            RunspaceConnections.Current,
            Environment.GetEnvironmentVariable(Connections.ConnectionStrings.EnvironmentVariable),
            hasCredential ? Credential!.UserName : null,
            hasCredential ? Credential!.Password : null);
    }

    private string Use(ResolvedConnection resolved)
    {
        ConnectionDescription = resolved.Description;
        WriteVerbose($"Connecting with {resolved.Source}: {resolved.Redacted}");
        return resolved.ConnectionString;
    }
}
