-- Which rows a run's models were evaluated on: SHA-256 over the test split's application ids, one per line, in the
-- split's order. Two runs with the same hash compared their models on the same applications.
alter table runs add column if not exists test_ids_sha256 text;
