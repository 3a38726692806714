-- causa on PostgreSQL, schema version 2: each node also tells which job types its workers can claim, so a job is
-- "unresolved" only where no live node offers its type (DESIGN §11).
ALTER TABLE nodes ADD COLUMN job_types jsonb NOT NULL DEFAULT '[]';
-- forgetting nodes silent for long (heartbeat prunes them)
CREATE INDEX IF NOT EXISTS nodes_by_heartbeat ON nodes (heartbeat_at);
