-- 0007 hook events: the ledger that makes each Claude Code hook event take effect once, also when a
-- hook that could not reach the database replays it later from its local queue. New table only:
-- safe on any database.

CREATE TABLE IF NOT EXISTS claude.hook_events (
    event_id    uuid PRIMARY KEY,
    event_name  varchar(40) NOT NULL,
    session_id  uuid,
    occurred_at timestamp without time zone,
    received_at timestamp without time zone NOT NULL DEFAULT now()
);
COMMENT ON TABLE claude.hook_events IS
    'Claude Code hook events already applied (event_id chosen by the hook): a replayed event is recognised and not applied twice.';
CREATE INDEX IF NOT EXISTS hook_events_received_at_idx ON claude.hook_events (received_at);
