-- Before this schema existed the scoring API kept its own keys in scoring.api_keys (roles SCORER, and ADMIN, which
-- could also score). Those keys keep working with the same abilities. The bootstrap key is not imported: it comes
-- from configuration and is stored from there at start-up.
do $$
begin
    if to_regclass('scoring.api_keys') is not null then
        insert into api_keys (key_id, key_sha256, roles, created_at, created_by, revoked_at, revoked_by)
        select key_id,
               key_sha256,
               case role when 'ADMIN' then array['SCORER', 'ADMIN'] else array['SCORER'] end,
               created_at,
               'imported from scoring.api_keys',
               revoked_at,
               case when revoked_at is null then null else 'unknown (scoring.api_keys)' end
        from scoring.api_keys
        where key_id <> 'bootstrap-admin'
        on conflict do nothing;
    end if;
end $$;
