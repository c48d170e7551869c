-- A Spark run's job, while and after it runs: the master it was submitted to, the driver's web UI (while it runs)
-- and the driver log's file. The engine itself is V6's `engine` column ('local' or 'spark'); `if not exists` keeps
-- this migration harmless on a database where some of these were added by hand.
alter table runs add column if not exists engine text not null default 'local';
alter table runs add column if not exists spark_master text;
alter table runs add column if not exists spark_ui_url text;
alter table runs add column if not exists spark_driver_log text;
