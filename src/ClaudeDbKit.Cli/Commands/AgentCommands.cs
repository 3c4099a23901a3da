using System.CommandLine;
using static ClaudeDbKit.Cli.Commands.CommandBuilder;

namespace ClaudeDbKit.Cli.Commands;

/// <summary><c>claudedb agent start|complete</c>: spawned agents under a parent session.</summary>
internal static class AgentCommands
{
    public static Command Create(CommandContext context)
    {
        var agent = new Command("agent", "Record spawned agents (subagents) and how they ended.");

        var agentId = Required<string>("--agent-id", "The agent's id (Claude Code's agent_id).");
        var parent = Required<Guid>("--parent", "The parent session id.");
        var type = Optional<string?>("--type", "Agent type.");
        var task = Optional<string?>("--task", "Task description.");
        var workspace = Optional<string?>("--workspace", "Working directory.");
        var model = Optional<string?>("--model", "Model name.");
        agent.Subcommands.Add(Call(context, "start", "Record a spawned agent (again for the same id updates it); prints its id.",
            [agentId, parent, type, task, workspace, model],
            async (client, parse, ct) => context.WriteId(parse, await client.Agents.StartAsync(
                parse.GetValue(agentId)!, parse.GetValue(parent), parse.GetValue(type), parse.GetValue(task), parse.GetValue(workspace),
                parse.GetValue(model), ct).ConfigureAwait(false))));

        var completeId = Required<string>("--agent-id", "The agent's id.");
        var failed = Optional<bool>("--failed", "The agent failed (default: it succeeded).");
        var output = Optional<string?>("--output", "What the agent produced.");
        var error = Optional<string?>("--error", "The error it ended with.");
        agent.Subcommands.Add(Call(context, "complete", "Record how an agent ended.", [completeId, failed, output, error],
            async (client, parse, ct) =>
            {
                await client.Agents.CompleteAsync(parse.GetValue(completeId)!, !parse.GetValue(failed), parse.GetValue(output), parse.GetValue(error), ct).ConfigureAwait(false);
                context.WriteOk(parse, $"Agent {parse.GetValue(completeId)} completed.");
            }));
        return agent;
    }
}
