-- mixrec schema, version 4: API keys that the service creates itself.
--
-- A service started without any configured key (mixrec.security.api-keys) creates one
-- admin key, prints it once, and keeps only its SHA-256 here, so that the first run
-- needs no setup and no key ever sits in the database in a usable form. Configured keys
-- never come here: while any key is configured, the rows of this table are ignored.

create table api_keys (
    id         bigint      generated always as identity primary key,
    role       text        not null
        constraint api_keys_role check (role in ('read', 'write', 'admin')),
    key_sha256 bytea       not null unique
        constraint api_keys_sha256_length check (length(key_sha256) = 32),
    origin     text        not null
        constraint api_keys_origin check (origin in ('bootstrap')),
    created_at timestamptz not null default now()
);

-- Instances that start at once on an empty database race to create the bootstrap key:
-- the first insert wins, the others find its row and print nothing.
create unique index api_keys_one_bootstrap on api_keys ((true)) where origin = 'bootstrap';

comment on table api_keys is
    'Keys the service created itself (the bootstrap admin key of a start without configured '
    'keys), as SHA-256 only; used only while mixrec.security.api-keys is empty.';
