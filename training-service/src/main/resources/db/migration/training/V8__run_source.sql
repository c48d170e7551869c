-- A Spark run that read a data set at a path instead of ingestion's tables: the path and format asked for (set when
-- the run is queued) and what the job found there (after it read it): the files, their bytes, the object's ETag when
-- the data set is one object, a fingerprint of the listing, and the rows left out (no id or no outcome).
alter table runs add column if not exists source_path text;
alter table runs add column if not exists source_format text;
alter table runs add column if not exists source_files integer;
alter table runs add column if not exists source_bytes bigint;
alter table runs add column if not exists source_etag text;
alter table runs add column if not exists source_fingerprint text;
alter table runs add column if not exists source_rows_skipped bigint;
