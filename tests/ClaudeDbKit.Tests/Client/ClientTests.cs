using ClaudeDbKit.Client;
using ClaudeDbKit.Tests.Infrastructure;
using Xunit;

namespace ClaudeDbKit.Tests.Client;

/// <summary>The typed client maps results and SQLSTATEs; the rules themselves are tested in Database/.</summary>
public sealed class ClientTests : MigratedDatabaseTest
{
    private async Task<(ClaudeDbClient Client, Guid Identity)> ClientWithIdentityAsync()
    {
        var client = new ClaudeDbClient(ConnectionString);
        var identity = await client.Identities.RegisterAsync("client-test-" + Guid.NewGuid().ToString("N")[..6], "claude-code", "tests");
        return (client, identity);
    }

    [Fact]
    public async Task A_session_round_trip_maps_every_field()
    {
        var (client, identity) = await ClientWithIdentityAsync();
        await using var _ = client;

        var id = await client.Sessions.StartAsync(identity, "Client-Mapping");
        Assert.Equal(id, await client.Sessions.GetActiveAsync(identity));
        await client.Sessions.EndAsync(id, "mapped", tasks: ["one", "two"]);

        var session = Assert.Single(await client.Sessions.ListAsync(identityId: identity));
        Assert.Equal(id, session.SessionId);
        Assert.Equal(identity, session.IdentityId);
        Assert.StartsWith("client-test-", session.IdentityName ?? "", StringComparison.Ordinal);
        Assert.Equal("Client-Mapping", session.ProjectName);
        Assert.NotNull(session.ProjectId);
        Assert.Equal("ended", session.Status);
        Assert.Equal("mapped", session.Summary);
        Assert.True(session.SessionEnd >= session.SessionStart);
        Assert.Null(await client.Sessions.GetActiveAsync(identity));
        Assert.Equal(["one", "two"], await Sql.ScalarAsync<string[]>(ConnectionString, "SELECT tasks_completed FROM claude.sessions WHERE session_id = $1", id) ?? []);
    }

    [Fact]
    public async Task Each_error_code_becomes_its_typed_exception_with_message_and_hint()
    {
        var (client, identity) = await ClientWithIdentityAsync();
        await using var _ = client;
        var session = await client.Sessions.StartAsync(identity, "client-errors");

        var invalid = await Assert.ThrowsAsync<InvalidValueException>(() => client.Sessions.ListAsync(status: "sleeping"));
        var notFound = await Assert.ThrowsAsync<NotFoundException>(() => client.Sessions.EndAsync(Guid.NewGuid(), "x"));
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => client.Sessions.StartAsync(identity, "client-errors"));
        var required = await Assert.ThrowsAsync<RequiredValueException>(() => client.Sessions.EndAsync(session, ""));
        await client.Sessions.EndAsync(session, "done");
        var state = await Assert.ThrowsAsync<InvalidStateException>(() => client.Sessions.EndAsync(session, "again"));

        Assert.Equal("CD001", invalid.SqlState);
        Assert.Contains("sleeping", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("active", invalid.Hint ?? "", StringComparison.Ordinal);
        Assert.Equal("InvalidValue", invalid.ErrorId);
        Assert.Equal(("CD002", "NotFound"), (notFound.SqlState, notFound.ErrorId));
        Assert.Equal(("CD004", "Conflict"), (conflict.SqlState, conflict.ErrorId));
        Assert.Equal(("CD005", "RequiredValue"), (required.SqlState, required.ErrorId));
        Assert.Equal(("CD003", "InvalidState"), (state.SqlState, state.ErrorId));
    }

    [Fact]
    public async Task Identities_activity_agents_and_registry_round_trip()
    {
        var (client, identity) = await ClientWithIdentityAsync();
        await using var _ = client;
        var session = await client.Sessions.StartAsync(identity, "client-rest");

        var agent = await client.Agents.StartAsync("agent-abc123", session, "explorer", "look around");
        Assert.Equal(agent, await client.Agents.StartAsync("agent-abc123", session, "explorer", "look around"));
        await client.Agents.CompleteAsync("agent-abc123", success: true, outputText: "found it");
        var logged = await client.Activity.LogAsync("test", session, "ci", "test_passed", "all green", projectName: "client-rest", severity: "success");
        await client.Identities.TouchAsync(identity);

        Assert.Contains(await client.Identities.ListActiveAsync(), i => i.IdentityId == identity && i.LastActiveAt is not null);
        var recent = await client.Activity.RecentAsync("CLIENT-REST", limit: 100);
        Assert.Contains(recent, e => e.Id == logged && e.Severity == "success" && e.Title == "all green");
        Assert.Contains(await client.Activity.BySourceAsync("session", session), e => e.ActivityType == "session_started");
        Assert.Contains("active", await client.Registry.GetValidValuesAsync("sessions", "status"));
        Assert.Contains("3", await client.Registry.GetValidValuesAsync("projects", "priority"));
        Assert.True(await client.Registry.RefreshConstraintsAsync() >= 0);
    }

    [Fact]
    public async Task An_unreachable_server_is_reported_as_unavailable()
    {
        await using var client = new ClaudeDbClient("Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=2", new ClaudeDbClientOptions());

        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => client.Sessions.GetActiveAsync(Guid.NewGuid()));

        Assert.Equal("DatabaseUnavailable", error.ErrorId);
    }

    [Fact]
    public async Task Work_items_round_trip_through_the_client_with_codes_and_typed_errors()
    {
        var (client, identity) = await ClientWithIdentityAsync();
        await using var _ = client;
        var session = await client.Sessions.StartAsync(identity, "Work-Client");

        var feature = await client.Work.CreateFeatureAsync("work-client", "Typed client", "maps work items", 2, session);
        var task = await client.Work.CreateBuildTaskAsync(feature, "Map JSON", priority: 1);
        var requirement = await client.Work.AddRequirementAsync(feature, "Every field mapped");
        var feedback = await client.Work.CreateFeedbackAsync("Work-Client", "question", "Is it typed?", "Typing");
        await client.Work.SetStatusAsync(task.ToLowerInvariant(), "in_progress");

        var item = await client.Work.GetAsync(feature);
        Assert.Equal((feature, "feature", "Typed client", "maps work items", "draft", "2", "Work-Client", session),
            (item.Code, item.Kind, item.Name, item.Description, item.Status, item.Priority, item.ProjectName, item.CreatedSessionId));
        var child = Assert.Single(item.Tasks);
        Assert.Equal((task, "Map JSON", "in_progress", 1), (child.Code, child.Name, child.Status, child.Priority));
        Assert.Equal(requirement, Assert.Single(item.Requirements).Id);
        var taskItem = await client.Work.GetAsync(task);
        Assert.Equal((feature, item.Id, "in_progress"), (taskItem.FeatureCode, taskItem.FeatureId, taskItem.Status));
        Assert.NotNull(taskItem.StartedAt);
        Assert.Equal(("feedback", "question", "Typing"), ((await client.Work.GetAsync(feedback)).Kind, (await client.Work.GetAsync(feedback)).FeedbackType, (await client.Work.GetAsync(feedback)).Name));

        var invalid = await Assert.ThrowsAsync<InvalidValueException>(() => client.Work.SetStatusAsync(task, "todo"));
        Assert.Contains("pending", invalid.Hint, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotFoundException>(() => client.Work.GetAsync("F999999"));
        await Assert.ThrowsAsync<InvalidStateException>(() => client.Work.SetStatusAsync(feature, "completed"));
    }
}
