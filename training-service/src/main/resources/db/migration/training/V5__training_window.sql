-- A retrain (SCHEDULED or DRIFT) learns from a recent window of matured applications: those whose outcome was
-- observed in [window_from, window_to). Null for a run that read every labelled application.
alter table runs add column window_from timestamptz;
alter table runs add column window_to timestamptz;
-- how the observation time was taken
alter table runs add column window_basis text;
