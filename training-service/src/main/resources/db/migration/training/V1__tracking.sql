-- Experiment tracking: one experiment per portfolio; runs with their status, timings, lineage and failure reason;
-- the parameters, metrics, models and artifacts (reports) of each run.
create table experiments (
    experiment_id bigserial   primary key,
    portfolio     text        not null unique,
    created_at    timestamptz not null default now()
);

create table runs (
    run_id                 uuid        primary key,
    experiment_id          bigint      not null references experiments (experiment_id),
    portfolio              text        not null,
    status                 text        not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    -- why the run was started: MANUAL (REST), SCHEDULED or DRIFT (commands)
    reason                 text        not null,
    requested_by           text,
    -- the training command that started the run; unique, so that a replayed command starts nothing
    command_id             text        unique,
    -- what was asked for: algorithms and parameter overrides
    algorithms             text[]      not null,
    overrides              jsonb       not null default '{}',
    created_at             timestamptz not null default now(),
    started_at             timestamptz,
    finished_at            timestamptz,
    failure_reason         text,
    -- lineage: the catalog version of the schema and exactly which rows were read
    schema_version         integer,
    dataset_sha256         text,
    dataset_rows           integer,
    training_rows          integer,
    validation_rows        integer,
    test_rows              integer,
    split_kind             text,
    selected_algorithm     text
);
create index runs_by_portfolio on runs (portfolio, created_at desc);

create table run_params (
    run_id uuid not null references runs (run_id),
    name   text not null,
    value  text not null,
    primary key (run_id, name)
);

-- scope: an algorithm for model metrics (test split, plus validation_auc), 'timing' for step durations in ms
create table run_metrics (
    run_id uuid             not null references runs (run_id),
    scope  text             not null,
    name   text             not null,
    value  double precision not null,
    primary key (run_id, scope, name)
);

create table run_models (
    run_id                   uuid             not null references runs (run_id),
    algorithm                text             not null,
    -- null until the model is written to the registry
    model_version            integer,
    onnx_parity_max_abs_diff double precision,
    pipeline_json            jsonb            not null,
    details                  jsonb            not null,
    created_at               timestamptz      not null default now(),
    primary key (run_id, algorithm)
);

create table run_artifacts (
    run_id       uuid        not null references runs (run_id),
    name         text        not null,
    content_type text        not null,
    content      bytea       not null,
    sha256       text        not null,
    created_at   timestamptz not null default now(),
    primary key (run_id, name)
);
