-- The decision log as received from credit.scoring-events; event_id makes replays harmless. window_id is null
-- until the event is taken into a drift window.
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
    received_at            timestamptz      not null default now(),
    window_id              bigint
);
create index scoring_events_by_portfolio_time on scoring_events (portfolio, scored_at);
create index scoring_events_pending on scoring_events (portfolio, model_version, received_at, event_id)
    where window_id is null;
create index scoring_events_by_window on scoring_events (window_id);
create index scoring_events_by_application on scoring_events (application_id);

-- Outcomes from credit.outcomes, joined with the decision log by application id when they mature.
create table outcomes (
    application_id text        primary key,
    portfolio      text        not null,
    defaulted      boolean     not null,
    observed_at    timestamptz not null,
    received_at    timestamptz not null default now()
);

create sequence drift_window_ids;

-- One evaluated window: the dataset verdict, the score PSI, fairness, matured-outcome performance and what was
-- decided about retraining.
create table drift_windows (
    window_id             bigint           primary key,
    portfolio             text             not null,
    model_version         integer          not null,
    trigger               text             not null check (trigger in ('COUNT', 'TIME', 'ON_DEMAND')),
    first_received_at     timestamptz      not null,
    last_received_at      timestamptz      not null,
    evaluated_at          timestamptz      not null,
    reference_rows        integer          not null,
    current_rows          integer          not null,
    tested_features       integer          not null,
    drifted_features      integer          not null,
    drift_share           double precision not null,
    drift_share_threshold double precision not null,
    dataset_drift         boolean          not null,
    score_psi             double precision not null,
    score_psi_band        text             not null,
    psi_table             jsonb            not null,
    fairness              jsonb            not null,
    performance           jsonb,
    retrain_requested     boolean          not null default false,
    retrain_decision      text             not null
);
create index drift_windows_latest on drift_windows (portfolio, window_id desc);

-- Per-feature results of each window, with the histograms the report draws.
create table drift_feature_results (
    window_id      bigint           not null references drift_windows,
    position       integer          not null,
    feature        text             not null,
    kind           text             not null,
    test           text             not null,
    statistic      double precision not null,
    p_value        double precision,
    threshold      double precision not null,
    drifted        boolean          not null,
    csi            double precision not null,
    reference_rows integer          not null,
    current_rows   integer          not null,
    histogram      jsonb            not null,
    primary key (window_id, feature)
);

-- Windows whose matured outcomes changed and whose performance must be (re)computed.
create table performance_pending (
    window_id bigint primary key references drift_windows
);

-- Retrain requests sent to credit.training-commands: at most one per window; the latest per portfolio drives
-- the cooldown.
create table retrain_requests (
    command_id   uuid        primary key,
    portfolio    text        not null,
    window_id    bigint      not null unique references drift_windows,
    requested_at timestamptz not null,
    details      jsonb       not null
);
create index retrain_requests_by_portfolio on retrain_requests (portfolio, requested_at desc);
