-- mixrec schema, version 6: what the refit history and the dashboard show.
--
-- initialisation: how the fit started, known only once it starts: 'warm' when it began
-- from the parameters of warm_start_version, 'cold' otherwise (also when a warm start was
-- asked for but the active version could not seed it: no parameters, another K).
-- gate_decision: the quality gate's verdict as a column ('activate' or 'reject'; null
-- while running and for runs that were not evaluated), so that the history can show and
-- filter it without parsing the gate document; rejection_reason keeps the reason.

alter table model_versions
    add column initialisation text not null default 'cold'
        constraint model_versions_initialisation check (initialisation in ('cold', 'warm')),
    add column gate_decision  text
        constraint model_versions_gate_decision check (gate_decision in ('activate', 'reject'));

update model_versions set gate_decision = gate ->> 'decision' where gate is not null;

-- Rows fitted before this version recorded no initialisation: a warm start was asked for
-- them when warm_start_version is set.
update model_versions set initialisation = 'warm' where warm_start_version is not null;

-- Ratings written per hour and day (the dashboard's traffic plot) without reading the
-- whole table: a BRIN index is a few pages per million rows and costs writes next to
-- nothing. It narrows the scan to recent pages as long as recent writes sit in recent
-- pages, which holds for appends; updates may scatter, and then it only prunes less.
create index ratings_updated_at_brin on ratings using brin (updated_at);
