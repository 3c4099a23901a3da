using ClaudeDbKit.Client;
using ClaudeDbKit.Tests.Infrastructure;
using ClaudeDbKit.Tests.PowerShellModule;
using Xunit;

namespace ClaudeDbKit.Tests.Security;

/// <summary>
/// The cmdlets hand their parameters unchanged to the core client, so the client is where their
/// hostile values are tested: a NUL character never reaches the server (PostgreSQL text cannot hold
/// it) and comes back as CD001 naming the parameter, in every API domain; the other classes are
/// covered per SQL parameter by <see cref="HostileInputTests"/>.
/// </summary>
public sealed class ClientHostileInputTests(ModuleContractTests.ModuleFixture module) : SecurityDatabaseTest, IClassFixture<ModuleContractTests.ModuleFixture>
{
    private const string Nul = "nul\0byte";

    public static TheoryData<string, string> NulCalls() => new()
    {
        { "sessions", "p_project_name" }, { "identities", "p_identity_name" }, { "activity", "p_title" }, { "agents", "p_agent_id" },
        { "registry", "p_table_name" }, { "messages", "p_subject" }, { "jobs", "p_command" }, { "reminders", "p_title" },
        { "knowledge", "p_applies_to_projects" }, { "work", "p_feature_name" }, { "briefing", "p_project_name" }, { "hooks", "p_project_name" },
    };

    [Theory]
    [MemberData(nameof(NulCalls))]
    public async Task A_NUL_character_is_CD001_naming_the_parameter_and_nothing_is_sent(string domain, string parameter)
    {
        var login = await LoginAsync(AppRole, "nul");
        await using var client = new ClaudeDbClient(login);
        var identity = await client.Identities.RegisterAsync("nul-tester", "claude-code");
        var session = await client.Sessions.StartAsync(identity, "Nul-Project");
        var before = await ContentDigestAsync();

        Func<Task> call = domain switch
        {
            "sessions" => () => client.Sessions.StartAsync(identity, Nul, supersede: true),
            "identities" => () => client.Identities.RegisterAsync(Nul, "claude-code"),
            "activity" => () => client.Activity.LogAsync("test", null, "ci", "x", Nul),
            "agents" => () => client.Agents.StartAsync(Nul, session),
            "registry" => () => client.Registry.GetValidValuesAsync(Nul, "status"),
            "messages" => () => client.Messages.SendAsync(session, session, Nul, "body"),
            "jobs" => () => client.Jobs.CreateAsync("nul-job", "maintenance", Nul),
            "reminders" => () => client.Reminders.CreateAsync(Nul, DateTime.Now),
            "knowledge" => () => client.Knowledge.RecordAsync("t", "d", "pattern", ["ok", Nul]),
            "work" => () => client.Work.CreateFeatureAsync("Nul-Project", Nul),
            "briefing" => () => client.Briefing.GetAsync(session, Nul),
            "hooks" => () => client.Hooks.SessionStartAsync(Guid.NewGuid(), Guid.NewGuid(), Nul, "nul-tester", "startup", null, TimeSpan.FromHours(12)),
            _ => throw new ArgumentOutOfRangeException(nameof(domain)),
        };

        var error = await Assert.ThrowsAsync<InvalidValueException>(call);

        Assert.Equal(("CD001", "InvalidValue"), (error.SqlState, error.ErrorId));
        Assert.StartsWith($"{parameter} contains a NUL character", error.DatabaseMessage, StringComparison.Ordinal);
        Assert.Equal(before, await ContentDigestAsync());
    }

    // Each cmdlet parameter type and the hostile class that covers the value it carries into the client.
    private static readonly Dictionary<string, string> CoveredTypes = new(StringComparer.Ordinal)
    {
        ["System.String"] = "text", ["System.String[]"] = "text[]", ["System.Guid"] = "uuid", ["System.Int32"] = "integer",
        ["System.DateTime"] = "timestamp without time zone", ["System.Boolean"] = "boolean", ["System.TimeSpan"] = "interval",
        ["System.Collections.Hashtable"] = "jsonb", // sent as JSON
        ["System.Double"] = "interval", // -ConnectTimeoutSeconds: [ValidateRange(0, 3600)] before it becomes a TimeSpan
        // Not values sent to a function: switches, credentials, pipeline objects, script paths.
        ["System.Management.Automation.SwitchParameter"] = "", ["System.Management.Automation.PSCredential"] = "",
    };

    [Fact]
    public void Every_cmdlet_parameter_type_maps_to_a_hostile_class_the_suite_attacks()
    {
        var types = module.Cmdlets.SelectMany(c => c.Parameters).Select(p => Unwrap(p.TypeName)).Distinct().Order(StringComparer.Ordinal).ToList();
        var uncovered = types.Where(t => !CoveredTypes.ContainsKey(t) && !t.StartsWith("ClaudeDbKit.", StringComparison.Ordinal)).ToList();
        Assert.True(uncovered.Count == 0, "cmdlet parameter types with no hostile class: " + string.Join(", ", uncovered));
        Assert.All(CoveredTypes.Values.Where(v => v.Length > 0), v => Assert.NotNull(HostileValues.For(v)));
    }

    private static string Unwrap(string typeName) =>
        typeName.StartsWith("System.Nullable`1[[", StringComparison.Ordinal) ? typeName["System.Nullable`1[[".Length..typeName.IndexOf(',', StringComparison.Ordinal)] : typeName;
}
