-- Which engine trained the run (the contract's `engine`; every run so far ran on the local engine). The run list
-- filters on it.
alter table runs add column engine text not null default 'local';

-- The run list: newest first, over all portfolios or one.
create index runs_by_created on runs (created_at desc, run_id);

-- Each model's ROC and KS curves on the run's test split, thinned to at most 200 steps each (ProbabilityMetrics),
-- so that runs can be compared without keeping their test-split scores.
-- roc: [[falsePositiveRate, truePositiveRate], ...] from (0, 0) to (1, 1)
-- ks:  [[population, defaults, nonDefaults], ...] cumulative shares by rising probability, from (0, 0, 0) to (1, 1, 1)
-- ks_widest: the point of largest separation, [population, defaults, nonDefaults]
create table run_curves (
    run_id    uuid  not null references runs (run_id),
    algorithm text  not null,
    roc       jsonb not null,
    ks        jsonb not null,
    ks_widest jsonb not null,
    primary key (run_id, algorithm)
);
