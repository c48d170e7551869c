-- Shadow scoring: the portfolio's challenger scored the same application off the scoring API's response path. The
-- scoring API logs it as a second record of the same event (same event id) carrying `shadow`; the columns are null
-- until such a record arrives, and for portfolios without a challenger.
alter table scoring_events add column shadow_model_version integer;
alter table scoring_events add column shadow_probability_of_default double precision;
alter table scoring_events add column shadow_score integer;
alter table scoring_events add column shadow_decision text;
alter table scoring_events add constraint scoring_events_shadow_whole check (
    (shadow_model_version is null) = (shadow_probability_of_default is null)
    and (shadow_model_version is null) = (shadow_score is null)
    and (shadow_model_version is null) = (shadow_decision is null));

-- Champion-challenger comparisons: the shadow-scored events of a portfolio, newest first, per model pair.
create index scoring_events_shadowed on scoring_events (portfolio, model_version, shadow_model_version, scored_at desc)
    where shadow_model_version is not null;
