using ClaudeDbKit.Connections;
using Npgsql;

namespace ClaudeDbKit.Client;

/// <summary>
/// The typed client of the <c>claude</c> schema: one method per SQL function, one round trip per
/// business operation. The database enforces every rule; the client only maps results and errors.
/// </summary>
public sealed class ClaudeDbClient : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public ClaudeDbClient(string connectionString, ClaudeDbClientOptions? options = null)
    {
        var builder = ConnectionStrings.Parse(connectionString);
        options ??= new ClaudeDbClientOptions();
        if (string.IsNullOrEmpty(builder.ApplicationName))
            builder.ApplicationName = options.ApplicationName;
        if (options.ConnectTimeout is { } connect)
            builder.Timeout = Math.Max(1, (int)Math.Ceiling(connect.TotalSeconds));
        if (options.CommandTimeout is { } command)
            builder.CommandTimeout = Math.Max(1, (int)Math.Ceiling(command.TotalSeconds));
        var dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString);
        if (options.SkipTypeLoading)
            dataSource.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
        _dataSource = dataSource.Build();

        var caller = new FunctionCaller(_dataSource);
        Sessions = new SessionsApi(caller);
        Identities = new IdentitiesApi(caller);
        Activity = new ActivityApi(caller);
        Agents = new AgentSessionsApi(caller);
        Registry = new RegistryApi(caller);
        Messages = new MessagesApi(caller);
        Jobs = new JobsApi(caller);
        Reminders = new RemindersApi(caller);
        Knowledge = new KnowledgeApi(caller);
        Briefing = new BriefingApi(caller);
        Hooks = new HooksApi(caller);
        Work = new WorkApi(caller);
        Health = new HealthApi(caller);
    }

    public SessionsApi Sessions { get; }

    public IdentitiesApi Identities { get; }

    public ActivityApi Activity { get; }

    public AgentSessionsApi Agents { get; }

    public RegistryApi Registry { get; }

    public MessagesApi Messages { get; }

    public JobsApi Jobs { get; }

    public RemindersApi Reminders { get; }

    public KnowledgeApi Knowledge { get; }

    public BriefingApi Briefing { get; }

    public HooksApi Hooks { get; }

    public WorkApi Work { get; }

    public HealthApi Health { get; }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}

/// <summary>Connection behaviour of a <see cref="ClaudeDbClient"/>; hooks use short timeouts.</summary>
public sealed class ClaudeDbClientOptions
{
    public string ApplicationName { get; init; } = "claudedbkit";

    /// <summary>How long to wait for a connection; null keeps the connection string's value.</summary>
    public TimeSpan? ConnectTimeout { get; init; }

    /// <summary>How long one call may run; null keeps the connection string's value.</summary>
    public TimeSpan? CommandTimeout { get; init; }

    /// <summary>Skip Npgsql's query of the server's type catalogue on the first connection: a round trip a one-shot hook cannot afford. Built-in types still work.</summary>
    public bool SkipTypeLoading { get; init; }
}
