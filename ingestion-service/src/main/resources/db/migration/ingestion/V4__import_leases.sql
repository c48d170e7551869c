-- The replica that runs an import renews its lease while the import runs. One that dies without finishing it (killed,
-- out of memory, its node lost) stops renewing, and another replica then records the import as FAILED, where it used
-- to stay RUNNING for ever. lease_expired_at marks such a verdict: should the owner turn out to be alive after all (a
-- PostgreSQL outage longer than the lease kept it from renewing), its next write takes the import back.
alter table imports add column owner text;
alter table imports add column renewed_at timestamptz;
alter table imports add column lease_expired_at timestamptz;

create index imports_running on imports (renewed_at) where status = 'RUNNING';
