-- mixrec schema, version 3: the mixture ensemble (design.md 1.4) next to the single
-- mixture, and what each version records about how its clusters were chosen and how the
-- quality gate decided.
--
-- A model is of one of two kinds. 'mixture' (the classic and mixture presets) keeps its
-- item-level parameters in model_parameters as before. 'ensemble' keeps there what all
-- its parts share (biases, item rating counts, settings) and one row per part and restart
-- in model_components; its model_clusters rows are the clusters of its first user
-- mixture, the ones it explains users with.

alter table model_parameters
    add column kind        text  not null default 'mixture'
        constraint model_parameters_kind check (kind in ('mixture', 'ensemble')),
    -- ensemble: how fold-in and prediction work (JSON of EnsembleModel.Settings)
    add column settings    jsonb,
    -- ensemble: int32 per item, its training ratings (the bias uncertainty needs them)
    add column item_counts bytea,
    add constraint model_parameters_kind_columns check (
        (kind = 'mixture' and means is not null)
        or (kind = 'ensemble' and settings is not null and item_counts is not null));

alter table model_parameters alter column means drop not null;
alter table model_parameters alter column item_counts set storage external;

create table model_components (
    version      bigint  not null references model_versions (version) on delete cascade,
    part         text    not null
        constraint model_components_part check (part in ('users', 'items', 'aspects')),
    restart      integer not null,
    clusters     integer not null,
    -- users only: float64 per cluster
    weights      bytea,
    variances    bytea,
    -- float32 per item and cluster, item-major (value of cluster j for item i at i*K + j):
    -- the cluster means (users), the item memberships (items), phi (aspects)
    item_values  bytea   not null,
    -- users only: float32 per item and cluster, the cluster's posterior weight on the item
    item_support bytea,
    primary key (version, part, restart)
);

alter table model_components alter column item_values set storage external;
alter table model_components alter column item_support set storage external;

comment on table model_components is
    'One row per part (users, items, aspects) and restart of an ensemble model version: '
    'its cluster weights and variances and its item-level tables as packed arrays.';

-- selection: the candidates a version's K and restarts were chosen from, with their
-- validation scores; gate: the quality gate's figures and decision, which later
-- activations (forced ones included) leave as they were.
alter table model_versions
    add column selection jsonb,
    add column gate      jsonb;
