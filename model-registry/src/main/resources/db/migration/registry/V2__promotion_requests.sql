-- Four-eyes promotions: a request by one API key, decided (approved or rejected) by another.
create table promotion_requests (
    request_id    uuid        primary key,
    portfolio     text        not null,
    model_version integer     not null,
    alias         text        not null check (alias in ('champion', 'challenger')),
    requested_by  text        not null,
    reason        text        not null,
    status        text        not null default 'PENDING' check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    requested_at  timestamptz not null default now(),
    decided_by    text,
    decided_at    timestamptz,
    comment       text,
    foreign key (portfolio, model_version) references model_versions (portfolio, version),
    check ((status = 'PENDING') = (decided_by is null))
);
create index promotion_requests_by_portfolio on promotion_requests (portfolio, status, requested_at desc);

-- A promotion made by approving a request names it.
alter table promotions add column request_id uuid references promotion_requests (request_id);
