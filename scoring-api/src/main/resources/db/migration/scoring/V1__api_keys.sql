-- API keys, stored only as SHA-256 hashes, each with a role: SCORER may score, ADMIN may also manage.
create table api_keys (
    key_id     text        primary key,
    key_sha256 text        not null unique,
    role       text        not null check (role in ('SCORER', 'ADMIN')),
    created_at timestamptz not null default now(),
    revoked_at timestamptz
);
