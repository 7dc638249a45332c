-- mixrec schema, version 1: users, items, ratings and cheap change detection.
--
-- Sized for one machine holding ~100M ratings, 500K users and 50K items. Clients
-- know users and items by external string ids; every other table refers to them by
-- bigint surrogate keys so that the 100M-row ratings table stays narrow.

create table users (
    id          bigint generated always as identity primary key,
    external_id varchar(128) not null unique
        constraint users_external_id_length check (char_length(external_id) between 1 and 128),
    created_at  timestamptz  not null default now()
);

comment on table users is
    'Users known to the service. external_id is the client''s id (1-128 chars); '
    'id is the surrogate key that ratings reference, to keep ratings rows narrow.';

create table items (
    id          bigint generated always as identity primary key,
    external_id varchar(128) not null unique
        constraint items_external_id_length check (char_length(external_id) between 1 and 128),
    title       text,
    attributes  jsonb,
    created_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now()
);

comment on table items is
    'Items that can be rated and recommended. external_id is the client''s id (1-128 chars); '
    'title and attributes are optional descriptive data that the model does not use.';

create table ratings (
    user_id    bigint      not null references users (id) on delete cascade,
    item_id    bigint      not null references items (id),
    -- real (4 bytes) is what the fit keeps in memory anyway (float[] in CSR).
    -- NaN and +-Infinity would poison every EM sum, so only finite values are stored
    -- (NaN sorts above Infinity in PostgreSQL, so the upper bound rejects it too).
    rating     real        not null
        constraint ratings_rating_finite check (rating > '-Infinity'::real and rating < 'Infinity'::real),
    rated_at   timestamptz not null,
    updated_at timestamptz not null default now(),
    primary key (user_id, item_id)
);

-- Deliberately no further index on ratings. The access paths are:
--   * a user's ratings (serving computes the posterior per request): the primary key
--     (user_id, item_id) is that index, and it also serves the upsert's conflict check
--     and the cascade when a user is deleted;
--   * all ratings streamed for a fit: a sequential scan, where an index only costs.
-- Every extra index on a 100M-row table adds write amplification to every import.
-- Consequence: deleting an item that still has ratings checks the foreign key with a
-- sequential scan of ratings. Item deletion is rare; add (item_id) only if it becomes
-- an access path.
comment on table ratings is
    'One rating per (user, item), last write wins. Designed for ~100M rows: narrow rows '
    '(two bigints, a real, two timestamps), only the primary key as index (a user''s ratings); '
    'the fit streams the whole table by sequential scan. rated_at is the client''s timestamp, '
    'updated_at the server''s.';

-- Change detection -------------------------------------------------------------------
--
-- The refit must know cheaply whether any rating was added, changed or deleted since
-- the data it last fitted. A single "version" counter row would serialise every writer
-- (a long import would hold its row lock until commit and block all other writers), so
-- instead each writing statement appends one row to rating_changes, stamped with the
-- writing transaction's id. Appends never conflict with each other.
--
-- A refit reads ratings in a REPEATABLE READ transaction and stores that transaction's
-- pg_current_snapshot() as its watermark. Any write the snapshot did not see belongs to
-- a transaction that was in progress or not yet started when the snapshot was taken,
-- i.e. one whose txid is >= the snapshot's xmin and not visible in the snapshot; every
-- write it did see is visible. So ratings_changed_since(watermark) is exact: no missed
-- changes (even from transactions that started before the refit and committed after it)
-- and no false alarms from writes the fit already contained. Rows written by
-- transactions that later roll back disappear with them.
--
-- Rows with txid below the xmin of the oldest watermark still needed can be deleted.

create table rating_changes (
    id         bigint      generated always as identity primary key,
    txid       xid8        not null default pg_current_xact_id(),
    changed_at timestamptz not null default clock_timestamp()
);

-- ratings_changed_since() only looks at txid >= the watermark's xmin: a range scan.
create index rating_changes_txid_idx on rating_changes (txid);

comment on table rating_changes is
    'Append-only log with one row per statement that inserted, updated or deleted ratings, '
    'stamped with the writing transaction id; read by ratings_changed_since(pg_snapshot). '
    'Append-only so that concurrent writers never contend on a shared counter row.';

-- One shared trigger function. PostgreSQL allows transition tables only on triggers
-- for a single event, so there are three triggers below, each exposing the rows its
-- statement touched as "touched_rows". Statement-level triggers also fire for
-- statements that touch nothing (UPDATE ... WHERE false, an upsert that only
-- inserts); the transition table tells those apart, so no-ops leave no trace.
-- Cost: PostgreSQL captures the touched rows of a statement in a tuplestore (memory
-- up to work_mem, then a temporary file) for the trigger to read; the function itself
-- only reads the first row. Measured on PostgreSQL 15 while this was written: a 2M-row
-- INSERT ... SELECT took 10-20% longer with the triggers than without (the foreign key
-- checks dominate either way). Row-level triggers would cost one call per row instead.
create function record_rating_change() returns trigger
    language plpgsql
as
$$
begin
    if exists (select 1 from touched_rows) then
        insert into rating_changes default values;
    end if;
    return null;
end;
$$;

create trigger ratings_changed_on_insert
    after insert on ratings
    referencing new table as touched_rows
    for each statement execute function record_rating_change();

create trigger ratings_changed_on_update
    after update on ratings
    referencing new table as touched_rows
    for each statement execute function record_rating_change();

-- Also fires for rows removed by "on delete cascade" when a user is deleted.
create trigger ratings_changed_on_delete
    after delete on ratings
    referencing old table as touched_rows
    for each statement execute function record_rating_change();

-- TRUNCATE fires no delete triggers and allows no transition table, so it is recorded
-- unconditionally (truncating an already empty table is reported as a change: harmless).
create function record_rating_truncate() returns trigger
    language plpgsql
as
$$
begin
    insert into rating_changes default values;
    return null;
end;
$$;

create trigger ratings_changed_on_truncate
    after truncate on ratings
    for each statement execute function record_rating_truncate();

-- True when ratings were inserted, updated or deleted by any transaction whose effects
-- are not visible in the given snapshot (see the reasoning above rating_changes).
create function ratings_changed_since(snapshot pg_snapshot) returns boolean
    language sql
    stable
as
$$
    select exists (
        select 1
        from rating_changes
        where txid >= pg_snapshot_xmin(snapshot)
          and not pg_visible_in_snapshot(txid, snapshot)
    );
$$;

comment on function ratings_changed_since(pg_snapshot) is
    'True if any rating was inserted, updated or deleted by a transaction not visible in '
    'the snapshot; pass the pg_current_snapshot() of the REPEATABLE READ transaction that '
    'read the ratings for a fit.';
