-- Outcomes belong to a portfolio: two portfolios may use the same application id, and each keeps its own outcome.
-- Every stored row had a distinct application id, so the wider key holds for them.
alter table outcomes drop constraint outcomes_pkey;
alter table outcomes add primary key (portfolio, application_id);

-- The decision log keeps what a dispute needs: the reasons given and the algorithm of the model that decided.
-- Events logged before this migration have neither (null).
alter table scoring_events add column reasons jsonb;
alter table scoring_events add column algorithm text;

-- Decisions of one application (newest first), and the outcome -> window lookup, both by portfolio and id.
drop index scoring_events_by_application;
create index scoring_events_by_application on scoring_events (portfolio, application_id, scored_at desc);
