-- 89 audits: claude.audits_due (seeds 000/001 list it as the "due audit view") over
-- claude.audit_schedule. An audit is due at next_due_at, else frequency_days after its last run;
-- one that never ran and has no date is due now. Inactive schedules are never due.

-- A database whose audits_due is a table (made by a copy of the old schemas) keeps it: the view is
-- created only where no other relation holds the name.
DO $do$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_class c
                WHERE c.oid = pg_catalog.to_regclass('claude.audits_due') AND c.relkind <> 'v') THEN
        RAISE NOTICE 'claude.audits_due exists and is not a view; it is left as it is';
        RETURN;
    END IF;
    CREATE OR REPLACE VIEW claude.audits_due AS
    SELECT s.schedule_id, s.project_id, p.project_name, s.audit_type, s.description, s.frequency_days, s.last_run_at, d.due_at,
           CASE WHEN d.due_at IS NULL THEN NULL ELSE now()::timestamp - d.due_at END AS overdue_by
      FROM claude.audit_schedule s
      LEFT JOIN claude.projects p ON p.project_id = s.project_id
      CROSS JOIN LATERAL (SELECT COALESCE(s.next_due_at, s.last_run_at + make_interval(days => s.frequency_days)) AS due_at) d
     WHERE s.is_active IS NOT FALSE
       AND (d.due_at <= now()::timestamp OR (d.due_at IS NULL AND s.last_run_at IS NULL));
    COMMENT ON VIEW claude.audits_due IS
        'Active audit schedules that are due: next_due_at passed, or frequency_days since the last run, or never run; overdue_by says by how much.';
END;
$do$;
