using System.Text.Json.Serialization;
using ClaudeDbKit.Client;

namespace ClaudeDbKit.Cli;

/// <summary>Compile-time JSON contracts for <c>--json</c> output (no reflection, ready for trimming).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(IReadOnlyList<SessionInfo>))]
[JsonSerializable(typeof(IReadOnlyList<IdentityInfo>))]
[JsonSerializable(typeof(IReadOnlyList<ActivityEntry>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<MessageInfo>))]
[JsonSerializable(typeof(IReadOnlyList<DueJob>))]
[JsonSerializable(typeof(IReadOnlyList<ClaimedJob>))]
[JsonSerializable(typeof(IReadOnlyList<DueReminder>))]
[JsonSerializable(typeof(IReadOnlyList<KnowledgeItem>))]
[JsonSerializable(typeof(IReadOnlyList<ClaudeDbKit.Jobs.JobRunOutcome>))]
[JsonSerializable(typeof(IdResult))]
[JsonSerializable(typeof(CountResult))]
[JsonSerializable(typeof(OkResult))]
[JsonSerializable(typeof(CodeResult))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary>A call that returns an id (or none).</summary>
internal sealed record IdResult(Guid? Id);

/// <summary>A call that returns how many rows it changed.</summary>
internal sealed record CountResult(int Count);

/// <summary>A call with no result.</summary>
internal sealed record OkResult(bool Ok);

/// <summary>A call that returns a work item's short code.</summary>
internal sealed record CodeResult(string Code);
