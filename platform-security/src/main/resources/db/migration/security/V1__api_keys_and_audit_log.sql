-- API keys of every service, stored only as SHA-256 hashes of the key, each with one or more roles.
create table api_keys (
    key_id     text        primary key,
    key_sha256 text        not null unique,
    roles      text[]      not null check (cardinality(roles) > 0
                               and roles <@ array['SCORER', 'READER', 'INGESTER', 'TRAINER', 'APPROVER', 'ADMIN']),
    created_at timestamptz not null default now(),
    created_by text        not null,
    expires_at timestamptz,
    rotated_at timestamptz,
    rotated_by text,
    revoked_at timestamptz,
    revoked_by text
);

-- Bumped by every revocation or rotation; each service polls it and drops its cache of verified keys when it moved.
create table key_revision (
    singleton boolean primary key default true check (singleton),
    revision  bigint  not null
);
insert into key_revision (revision) values (0);

-- Every state-changing call of every service: who (the key id), what, on what, and how it ended. A row is written
-- with outcome STARTED before the action runs (no row, no action) and completed afterwards.
create table audit_log (
    audit_id bigserial   primary key,
    at       timestamptz not null default now(),
    service  text        not null,
    key_id   text        not null,
    action   text        not null,
    target   text        not null,
    outcome  text        not null check (outcome in ('STARTED', 'SUCCEEDED', 'FAILED', 'DENIED')),
    status   integer,
    detail   text
);
create index audit_log_by_service_time on audit_log (service, at desc);
