-- mixrec schema, version 7: versions written by the refit on Apache Spark (spark/) say
-- so. The job inserts its version directly with trigger 'spark'; the service gates,
-- activates and rolls it back like any other.

alter table model_versions drop constraint model_versions_trigger;
alter table model_versions add constraint model_versions_trigger
    check (trigger in ('scheduled', 'admin', 'spark'));
