-- Cleaned loan applications, one row per (portfolio, application id). Features are the cleaned values keyed by
-- feature name; raw_payload is the record exactly as received, for audit.
create table applications (
    portfolio        text        not null,
    application_id   text        not null,
    submitted_at     timestamptz,
    features         jsonb       not null,
    raw_payload      text        not null,
    payload_sha256   text        not null,
    source_topic     text        not null,
    source_partition integer     not null,
    source_offset    bigint      not null,
    stored_at        timestamptz not null default now(),
    primary key (portfolio, application_id)
);

-- Observed outcomes; an outcome may arrive before its application, and training joins the two.
create table outcomes (
    portfolio        text        not null,
    application_id   text        not null,
    defaulted        boolean     not null,
    observed_at      timestamptz,
    raw_payload      text        not null,
    payload_sha256   text        not null,
    source_topic     text        not null,
    source_partition integer     not null,
    source_offset    bigint      not null,
    stored_at        timestamptz not null default now(),
    primary key (portfolio, application_id)
);
