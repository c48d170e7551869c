-- Experiment tracking: one experiment per portfolio, runs with their status and timings.
create table experiments (
    experiment_id bigserial primary key,
    portfolio     text        not null unique,
    created_at    timestamptz not null default now()
);

create table runs (
    run_id         uuid        primary key,
    experiment_id  bigint      not null references experiments (experiment_id),
    portfolio      text        not null,
    status         text        not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    reason         text        not null,
    requested_by   text,
    command_id     text        unique,
    created_at     timestamptz not null default now(),
    started_at     timestamptz,
    finished_at    timestamptz,
    failure_reason text
);
