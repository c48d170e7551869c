-- The run queue is this table: a QUEUED row waits, a worker of any replica claims the oldest one
-- (select ... for update skip locked) and makes it RUNNING, renewing a lease (heartbeat_at) while it trains.
-- A RUNNING row whose lease expired belongs to a dead process: any worker re-queues it, or fails it on its last
-- attempt. Lease times are the database's clock, so that replicas' clocks do not matter.
alter table runs add column queued_at timestamptz;
update runs set queued_at = created_at;
alter table runs alter column queued_at set not null;
alter table runs alter column queued_at set default now();

-- how many times the run was started; the claim of attempt n is (run_id, attempts = n), which fences the writes
-- that end an attempt against a worker that lost its lease
alter table runs add column attempts integer not null default 0;
-- the worker (process and instance) that holds the run while it is RUNNING
alter table runs add column claimed_by text;
alter table runs add column heartbeat_at timestamptz;
-- why the last attempt ended without a result (a stop, a dead process), kept when the run is re-queued
alter table runs add column last_interruption text;

create index runs_queue on runs (queued_at, run_id) where status = 'QUEUED';
create index runs_leases on runs (heartbeat_at) where status = 'RUNNING';
