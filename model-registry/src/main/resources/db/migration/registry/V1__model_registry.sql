-- Model versions: the ONNX artifact of a whole pipeline with everything a model-risk reviewer needs to trace it.
create table model_versions (
    portfolio           text             not null,
    version             integer          not null,
    algorithm           text             not null check (algorithm in ('LOGISTIC_REGRESSION', 'XGBOOST', 'NEURAL_NETWORK')),
    run_id              uuid,
    onnx                bytea            not null,
    onnx_sha256         text             not null,
    -- the fitted pipeline as plain numbers (io.creditscoring.pipeline.ModelPipeline): used to explain decisions
    pipeline_json       jsonb            not null,
    -- the portfolio schema the model was trained on, and its catalog version
    schema_json         jsonb            not null,
    schema_version      integer          not null,
    metrics             jsonb            not null,
    params              jsonb            not null,
    -- training-set hash and row count, code version, library versions, seed
    lineage             jsonb            not null,
    parity_max_abs_diff double precision not null,
    created_at          timestamptz      not null default now(),
    primary key (portfolio, version)
);

-- The last version handed out per portfolio: versions are reserved before export (the artifact carries its own
-- version number), so a failed run leaves a gap rather than a clash.
create table version_counters (
    portfolio    text    primary key,
    last_version integer not null
);

-- Which version each alias points at: at most one champion and one challenger per portfolio.
create table model_aliases (
    portfolio  text        not null,
    alias      text        not null check (alias in ('champion', 'challenger')),
    version    integer     not null,
    updated_at timestamptz not null default now(),
    primary key (portfolio, alias),
    foreign key (portfolio, version) references model_versions (portfolio, version)
);

-- Every alias change: who, when, why, and from which version.
create table promotions (
    promotion_id bigserial   primary key,
    portfolio    text        not null,
    alias        text        not null,
    from_version integer,
    to_version   integer     not null,
    promoted_by  text        not null,
    reason       text        not null,
    promoted_at  timestamptz not null default now()
);
create index promotions_by_portfolio on promotions (portfolio, promotion_id);

-- Transactional outbox: events written in the same transaction as the change they announce, published after.
create table outbox (
    outbox_id    bigserial   primary key,
    topic        text        not null,
    message_key  text        not null,
    payload      jsonb       not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz,
    attempts     integer     not null default 0,
    last_error   text
);
create index outbox_unpublished on outbox (outbox_id) where published_at is null;

-- A sample of each model's training split (raw feature values and the model's probability), the reference
-- against which drift is measured.
create table reference_rows (
    portfolio              text             not null,
    version                integer          not null,
    row_index              integer          not null,
    features               jsonb            not null,
    probability_of_default double precision not null,
    defaulted              boolean,
    primary key (portfolio, version, row_index),
    foreign key (portfolio, version) references model_versions (portfolio, version)
);
