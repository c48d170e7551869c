-- Models are compared by k-fold cross-validation on the training rows and evaluated once on the test rows: a run has
-- no validation split any more.
alter table runs drop column validation_rows;

-- Every trial of a run's hyper-parameter search, per algorithm: the trial's own values (none for trial 1, the run's
-- settings), its cross-validation score, and whether it was the best (the one refitted on all training rows).
create table run_trials (
    run_id         uuid             not null references runs (run_id),
    algorithm      text             not null,
    trial          integer          not null,
    trial_values   jsonb            not null,
    folds          integer          not null,
    mean_auc       double precision,
    standard_error double precision,
    fold_aucs      jsonb            not null,
    -- boosting rounds or epochs the refit takes (mean of the folds' early stopping); 0 when the algorithm has none
    iterations     integer          not null,
    seconds        double precision not null,
    best           boolean          not null,
    primary key (run_id, algorithm, trial)
);
