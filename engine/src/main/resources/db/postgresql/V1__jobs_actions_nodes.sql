-- causa on PostgreSQL, schema version 1 (DESIGN §10-11). Applied by dev.causa.engine.store.postgres.Migrations
-- in one transaction. Ids are the 13-character time-ordered ids: with the "C" collation their text sorts like their
-- number, so "newest first" is ORDER BY id DESC and a prefix is a range of the primary key.

-- A job: the columns that listings, claims and leases filter on, and the whole record as JSON (record).
CREATE TABLE jobs (
    id              text COLLATE "C" PRIMARY KEY,
    job_type        text NOT NULL,
    state           text NOT NULL,
    priority        int NOT NULL DEFAULT 0,
    action_id       text COLLATE "C",
    action_type     text,
    parent_job_id   text COLLATE "C",
    initiated_by    text,
    created_at      timestamptz,
    next_run_at     timestamptz,
    resume_on_start boolean NOT NULL DEFAULT false,
    locked_by       text,
    lease_until     timestamptz,
    lease_token     bigint,
    record          jsonb NOT NULL
) WITH (fillfactor = 85);

CREATE INDEX jobs_by_action_type ON jobs (action_type, id DESC);
CREATE INDEX jobs_by_state ON jobs (state, id DESC);
CREATE INDEX jobs_by_action ON jobs (action_id);
CREATE INDEX jobs_by_parent ON jobs (parent_job_id);
CREATE INDEX jobs_by_initiator ON jobs (initiated_by, id DESC);
-- claims: the jobs that may be claimable, in claim order
CREATE INDEX jobs_claim_order ON jobs (priority DESC, id) WHERE state IN ('queued', 'running', 'paused');
-- claims: the job types that have such jobs (read with a skip scan)
CREATE INDEX jobs_open_types ON jobs (job_type) WHERE state IN ('queued', 'running', 'paused');
-- concurrency limits and renewals: the rows that carry a lease
CREATE INDEX jobs_leased ON jobs (locked_by, job_type) WHERE locked_by IS NOT NULL;

-- Every claim takes the next number: a change made under an older claim is refused.
CREATE SEQUENCE causa_lease_token;

-- The audit trail: one row per action run.
CREATE TABLE actions (
    id           text COLLATE "C" PRIMARY KEY,
    action_type  text,
    initiated_by text,
    status       text,
    record       jsonb NOT NULL
);

CREATE INDEX actions_by_type ON actions (action_type, id DESC);
CREATE INDEX actions_by_initiator ON actions (initiated_by, id DESC);

-- The processes on this database.
CREATE TABLE nodes (
    id           text PRIMARY KEY,
    host         text NOT NULL,
    pid          bigint NOT NULL,
    version      text NOT NULL,
    plugins      jsonb NOT NULL DEFAULT '[]',
    started_at   timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL
);

-- Schedules (DESIGN §13): filled by a later version.
CREATE TABLE schedules (
    name          text PRIMARY KEY,
    spec          jsonb NOT NULL,
    next_fire_at  timestamptz,
    last_fired_at timestamptz
);

-- Events too large for a notification (8000 bytes): the notification carries the row's id; kept for minutes.
CREATE TABLE events (
    id   bigserial PRIMARY KEY,
    at   timestamptz NOT NULL DEFAULT now(),
    body text NOT NULL
);
