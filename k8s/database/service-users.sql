-- One PostgreSQL user per service, each the owner of the schemas it migrates and allowed to read only what it needs
-- of the others. Used by docker-compose (mounted into postgres's /docker-entrypoint-initdb.d) and by the Kubernetes
-- Job in this directory. See docs/operations.md, "Database users and grants".
--
-- Run it with psql 15 or newer, as a superuser (or the managed service's main user, e.g. RDS's `postgres`),
-- connected to the platform's database, with the four passwords in the environment:
--
--   INGESTION_DB_PASSWORD=... TRAINING_DB_PASSWORD=... SCORING_DB_PASSWORD=... DRIFT_DB_PASSWORD=... \
--     psql -v ON_ERROR_STOP=1 --no-psqlrc -d credit -f service-users.sql
--
-- It can run again at any time: it sets the passwords to the ones given (that is how they are rotated), puts every
-- schema back to its owner and re-applies every grant, also to tables that exist already.
--
-- | schema     | owner (migrates it)        | read by                                  | also written by          |
-- |------------|----------------------------|------------------------------------------|--------------------------|
-- | ingestion  | credit_ingestion           | credit_training (the training set)       |                          |
-- | catalog    | credit_ingestion           | credit_training, credit_scoring          |                          |
-- | training   | credit_training            |                                          |                          |
-- | registry   | credit_training            | credit_scoring, credit_drift             |                          |
-- | scoring    | credit_scoring             |                                          |                          |
-- | security   | credit_scoring (key admin) | credit_ingestion, credit_training,       | audit_log: the same three |
-- |            |                            | credit_drift (API keys, key revision)    |                          |
-- | monitoring | credit_drift               |                                          |                          |
--
-- Reads are granted per schema with ALTER DEFAULT PRIVILEGES, so that they cover the tables later migrations create.
-- The one write across owners, every service appending to security.audit_log, cannot be expressed that way (default
-- privileges cannot name a table, and INSERT/UPDATE on the whole schema would let any service mint API keys): it is
-- listed in platform_access.table_writes and granted by an event trigger when its owner creates the table.

\getenv ingestion_password INGESTION_DB_PASSWORD
\getenv training_password TRAINING_DB_PASSWORD
\getenv scoring_password SCORING_DB_PASSWORD
\getenv drift_password DRIFT_DB_PASSWORD

set password_encryption = 'scram-sha-256';

-- ---------------------------------------------------------------- users
do $$
declare
    service text;
begin
    foreach service in array array['credit_ingestion', 'credit_training', 'credit_scoring', 'credit_drift'] loop
        if not exists (select from pg_roles where rolname = service) then
            execute format('create role %I', service);
        end if;
        -- A main user that is not a superuser (managed services) must be a member of a role to hand it schemas
        -- and to set its default privileges.
        if not (select rolsuper from pg_roles where rolname = current_user) then
            execute format('grant %I to %I', service, current_user);
        end if;
    end loop;
end $$;

-- Plain login users: no superuser, no role or database creation, no replication, row security applies.
alter role credit_ingestion with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls
    password :'ingestion_password';
alter role credit_training with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls
    password :'training_password';
alter role credit_scoring with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls
    password :'scoring_password';
alter role credit_drift with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls
    password :'drift_password';

-- ---------------------------------------------------------------- the database
-- Only the platform's users may connect; nobody gets objects in public. Only ingestion gets temporary tables: it
-- stages each batch there with COPY before one insert moves it into its table.
do $$
begin
    execute format('revoke all on database %I from public', current_database());
    execute format('grant connect on database %I to credit_ingestion, credit_training, credit_scoring, credit_drift',
                   current_database());
    execute format('grant temporary on database %I to credit_ingestion', current_database());
end $$;
revoke create on schema public from public;

-- ---------------------------------------------------------------- schemas and their owners
-- Created here, empty, so that the services need no CREATE on the database: Flyway migrates an existing empty
-- schema as it would one it created.
create schema if not exists ingestion;
create schema if not exists catalog;
create schema if not exists training;
create schema if not exists registry;
create schema if not exists scoring;
create schema if not exists security;
create schema if not exists monitoring;
alter schema ingestion owner to credit_ingestion;
alter schema catalog owner to credit_ingestion;
alter schema training owner to credit_training;
alter schema registry owner to credit_training;
alter schema scoring owner to credit_scoring;
alter schema security owner to credit_scoring;
alter schema monitoring owner to credit_drift;

-- ---------------------------------------------------------------- reads
-- training builds its training sets from ingestion's applications and outcomes
grant usage on schema ingestion to credit_training;
alter default privileges for role credit_ingestion in schema ingestion grant select on tables to credit_training;
grant select on all tables in schema ingestion to credit_training;

-- portfolio schemas: training and scoring read them (drift uses the schema stored with each model version)
grant usage on schema catalog to credit_training, credit_scoring;
alter default privileges for role credit_ingestion in schema catalog
    grant select on tables to credit_training, credit_scoring;
grant select on all tables in schema catalog to credit_training, credit_scoring;

-- model versions, aliases, reference rows: scoring loads champions, drift reads references
grant usage on schema registry to credit_scoring, credit_drift;
alter default privileges for role credit_training in schema registry
    grant select on tables to credit_scoring, credit_drift;
grant select on all tables in schema registry to credit_scoring, credit_drift;

-- API keys (hashes: every service authenticates), the key revision (revocations), the audit log (GET /v1/audit)
grant usage on schema security to credit_ingestion, credit_training, credit_drift;
alter default privileges for role credit_scoring in schema security
    grant select on tables to credit_ingestion, credit_training, credit_drift;
alter default privileges for role credit_scoring in schema security
    grant usage on sequences to credit_ingestion, credit_training, credit_drift;
grant select on all tables in schema security to credit_ingestion, credit_training, credit_drift;
grant usage on all sequences in schema security to credit_ingestion, credit_training, credit_drift;

-- ---------------------------------------------------------------- writes across owners
create schema if not exists platform_access;
revoke all on schema platform_access from public;
grant usage on schema platform_access to credit_ingestion, credit_training, credit_scoring, credit_drift;

-- Tables some users may write although another owns them. Nothing else is writable by anyone but its owner.
create table if not exists platform_access.table_writes (
    schema_name text not null,
    table_name  text not null,
    privileges  text not null check (privileges ~ '^(insert|update|delete)(, (insert|update|delete))*$'),
    grantee     name not null,
    primary key (schema_name, table_name, grantee)
);
revoke all on platform_access.table_writes from public;
grant select on platform_access.table_writes to credit_ingestion, credit_training, credit_scoring, credit_drift;

delete from platform_access.table_writes;
insert into platform_access.table_writes (schema_name, table_name, privileges, grantee) values
    -- every service records its state-changing calls (a row is inserted, then completed)
    ('security', 'audit_log', 'insert, update', 'credit_ingestion'),
    ('security', 'audit_log', 'insert, update', 'credit_training'),
    ('security', 'audit_log', 'insert, update', 'credit_drift');

-- Grants the listed writes on one table. Runs as whoever calls it: the owner creating the table (from the event
-- trigger below), or this script's user for tables that exist already.
create or replace function platform_access.grant_table_writes(created text) returns void
    language plpgsql
    set search_path = pg_catalog
as $$
declare
    listed record;
begin
    for listed in
        select schema_name, table_name, privileges, grantee from platform_access.table_writes
        where format('%I.%I', schema_name, table_name) = created
    loop
        execute format('grant %s on table %I.%I to %I',
                       listed.privileges, listed.schema_name, listed.table_name, listed.grantee);
    end loop;
end $$;
revoke all on function platform_access.grant_table_writes(text) from public;
grant execute on function platform_access.grant_table_writes(text)
    to credit_ingestion, credit_training, credit_scoring, credit_drift;

create or replace function platform_access.grant_writes_on_create() returns event_trigger
    language plpgsql
    set search_path = pg_catalog
as $$
declare
    created record;
begin
    for created in
        select object_identity from pg_event_trigger_ddl_commands()
        where command_tag = 'CREATE TABLE' and object_type = 'table'
    loop
        perform platform_access.grant_table_writes(created.object_identity);
    end loop;
end $$;

-- Creating an event trigger needs a superuser (or, on RDS, the main user). Where the database service does not allow
-- it, the script goes on with a warning; running it again after the services' first start grants the same writes.
do $$
begin
    drop event trigger if exists platform_access_grant_writes;
    create event trigger platform_access_grant_writes on ddl_command_end
        when tag in ('CREATE TABLE')
        execute function platform_access.grant_writes_on_create();
exception
    when insufficient_privilege then
        raise warning 'event trigger platform_access_grant_writes not created (%); run this script again once the'
            ' services have started, so that the writes listed in platform_access.table_writes are granted', sqlerrm;
end $$;

-- the tables that exist already (a second run, or a database migrated before this script)
do $$
begin
    perform platform_access.grant_table_writes(format('%I.%I', schema_name, table_name))
    from platform_access.table_writes
    where to_regclass(format('%I.%I', schema_name, table_name)) is not null;
end $$;
