-- The decision log as received from credit.scoring-events; event_id makes replays harmless.
create table scoring_events (
    event_id               text             primary key,
    portfolio              text             not null,
    model_version          integer          not null,
    application_id         text,
    features               jsonb            not null,
    probability_of_default double precision not null,
    score                  integer          not null,
    decision               text             not null,
    scored_at              timestamptz      not null,
    received_at            timestamptz      not null default now()
);
create index scoring_events_by_portfolio_time on scoring_events (portfolio, scored_at);
