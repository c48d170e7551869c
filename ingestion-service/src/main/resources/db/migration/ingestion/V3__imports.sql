-- One row per import (a CSV body or an object-store file), so that its progress can be read on every replica while
-- it runs. Counters are written every second or every few thousand rows, not per row.
create table imports (
    import_id              uuid        primary key,
    portfolio              text        not null,
    source                 text        not null,
    status                 text        not null,
    rows_read              bigint      not null default 0,
    applications_published bigint      not null default 0,
    outcomes_published     bigint      not null default 0,
    rejected_count         bigint      not null default 0,
    -- the first few rejected rows, [{row, message}]; the service log has them all
    rejected               jsonb       not null default '[]',
    failure_reason         text,
    started_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    finished_at            timestamptz
);

create index imports_portfolio_started on imports (portfolio, started_at desc);
