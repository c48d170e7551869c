-- Every version of every portfolio schema; the highest version of a portfolio is the one in force.
create table portfolio_schemas (
    portfolio   text        not null,
    version     integer     not null,
    schema_json jsonb       not null,
    created_at  timestamptz not null default now(),
    primary key (portfolio, version)
);
