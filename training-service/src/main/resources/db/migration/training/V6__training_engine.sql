-- Which engine trains the run: local (in the service's JVM) or spark (a Spark job of its own).
alter table runs add column engine text not null default 'local';
-- A Spark run's job, while and after it runs: the master it was submitted to, the driver's web UI (while it runs)
-- and the driver log's file.
alter table runs add column spark_master text;
alter table runs add column spark_ui_url text;
alter table runs add column spark_driver_log text;
