-- Every record dead-lettered by ingestion, once per source record, so that counts survive restarts and replays.
create table dead_letters (
    source_topic     text        not null,
    source_partition integer     not null,
    source_offset    bigint      not null,
    portfolio        text,
    application_id   text,
    reason           text        not null,
    field            text,
    message          text        not null,
    payload          text,
    dead_lettered_at timestamptz not null default now(),
    primary key (source_topic, source_partition, source_offset)
);

create index dead_letters_portfolio on dead_letters (portfolio);

-- The catalog version of the schema an application was checked against (lineage for training sets).
alter table applications add column schema_version integer;
