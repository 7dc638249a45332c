-- mixrec schema, version 5: rating_changes no longer grows forever.
--
-- rating_changes gets one row per statement that changes ratings (see V1). Only the
-- refit scheduler reads it, through ratings_changed_since(watermark) with the watermark
-- of the latest model version that has one, and that function only looks at rows with
-- txid >= pg_snapshot_xmin(watermark). A later watermark never has a smaller xmin (the
-- xmin of a snapshot is the oldest transaction still running when it is taken), so once
-- a version records its watermark, the rows below that watermark's xmin can never be
-- read again. This trigger deletes them in the transaction that records the watermark.
-- Writers are never blocked: they only append rows of transactions still running, whose
-- txid is at least the xmin of any snapshot taken while they run.

create function prune_rating_changes() returns trigger
    language plpgsql
as
$$
begin
    delete from rating_changes
    where txid < (select pg_snapshot_xmin(watermark)
                  from model_versions
                  where watermark is not null
                  order by version desc
                  limit 1);
    return null;
end;
$$;

create trigger model_versions_prune_rating_changes
    after insert or update of watermark on model_versions
    for each statement execute function prune_rating_changes();

comment on function prune_rating_changes() is
    'Deletes the rating_changes rows that ratings_changed_since() can no longer need: those '
    'below the xmin of the latest recorded watermark.';
