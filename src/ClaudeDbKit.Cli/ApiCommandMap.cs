namespace ClaudeDbKit.Cli;

/// <summary>
/// The one place that says which <c>claudedb</c> subcommand wraps which SQL API function of schema
/// <c>claude</c>; a test checks it against the functions of a migrated database and the command tree.
/// </summary>
internal static class ApiCommandMap
{
    public static readonly IReadOnlyDictionary<string, string> Commands = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["start_session"] = "session start",
        ["end_session"] = "session end",
        ["get_active_session"] = "session active",
        ["get_sessions"] = "session list",
        ["abandon_stale_sessions"] = "session abandon-stale",
        ["register_identity"] = "identity register",
        ["get_active_identities"] = "identity list",
        ["update_identity_activity"] = "identity touch",
        ["archive_identity"] = "identity archive",
        ["start_agent_session"] = "agent start",
        ["complete_agent_session"] = "agent complete",
        ["log_activity"] = "activity log",
        ["get_recent_activity"] = "activity recent",
        ["get_activity_by_source"] = "activity source",
        ["archive_activity"] = "activity archive",
        ["get_valid_values"] = "registry values",
        ["refresh_registry_constraints"] = "registry refresh",
        ["send_message"] = "message send",
        ["broadcast_to_project"] = "message broadcast",
        ["get_pending_messages"] = "message pending",
        ["mark_message_read"] = "message read",
        ["acknowledge_message"] = "message ack",
        ["expire_messages"] = "message expire",
        ["create_scheduled_job"] = "jobs create",
        ["get_due_jobs"] = "jobs due",
        ["execute_job"] = "jobs claim",
        ["claim_due_job"] = "jobs claim-due",
        ["update_job_result"] = "jobs report",
        ["next_cron_run"] = "jobs next-run",
        ["create_reminder"] = "reminder create",
        ["get_due_reminders"] = "reminder due",
        ["check_reminder"] = "reminder check",
        ["complete_reminder"] = "reminder complete",
        ["reschedule_reminder"] = "reminder reschedule",
        ["dismiss_reminder"] = "reminder dismiss",
        ["record_knowledge"] = "knowledge record",
        ["search_knowledge"] = "knowledge search",
        ["apply_knowledge"] = "knowledge apply",
        ["update_knowledge"] = "knowledge update",
        ["get_startup_briefing"] = "briefing",
        ["create_feature"] = "work feature",
        ["create_feedback"] = "work feedback",
        ["create_build_task"] = "work task",
        ["add_requirement"] = "work requirement",
        ["set_work_item_status"] = "work status",
        ["get_work_item"] = "work show",
        ["check_health"] = "doctor",
    };
}
