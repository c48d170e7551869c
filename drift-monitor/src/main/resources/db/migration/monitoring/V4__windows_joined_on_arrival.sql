-- A scoring event joins its drift window when it is stored, instead of waiting with no window until one closed and
-- then being updated with its id. That update wrote every event a second time (the whole row with its features and
-- reasons, and an entry in each of the table's indexes, since window_id is indexed): about 40 % of the database's
-- work per event, and as many dead rows for vacuum as events.

-- The window each portfolio and model version's new events join: one row while it fills.
create table open_windows (
    portfolio         text        not null,
    model_version     integer     not null,
    window_id         bigint      not null unique,
    events            integer     not null check (events > 0),
    first_received_at timestamptz not null,
    primary key (portfolio, model_version)
);

-- Windows filled to drift.window.max-events, waiting for their evaluation.
create table full_windows (
    window_id     bigint      primary key,
    portfolio     text        not null,
    model_version integer     not null,
    filled_at     timestamptz not null default now()
);

-- Events stored before this version and not yet in a window make one open window per portfolio and model version
-- (it may hold more than max-events; the next event stored fills it, and a check closes it).
insert into open_windows (portfolio, model_version, window_id, events, first_received_at)
select portfolio, model_version, nextval('drift_window_ids'), count(*), min(received_at)
from scoring_events where window_id is null group by portfolio, model_version;
update scoring_events e set window_id = o.window_id
from open_windows o
where e.window_id is null and e.portfolio = o.portfolio and e.model_version = o.model_version;

drop index scoring_events_pending;
alter table scoring_events alter column window_id set not null;

-- An outcome queues the window its application's event is in for a performance check, whether or not the window has
-- been evaluated yet: the check waits for the evaluation (PerformanceMonitor reads only evaluated windows). Queuing
-- only evaluated windows missed the window being evaluated while the outcome was stored, each transaction unable to
-- see the other's rows.
alter table performance_pending drop constraint performance_pending_window_id_fkey;
