-- mixrec schema, version 2: fitted models, their refit runs, and which one serves.
--
-- A refit run and the model it produces are one row of model_versions: the row is
-- inserted when the run starts (status 'running') and carries the run's progress, its
-- outcome and, once fitted, the model's metrics. The parameters themselves live in
-- model_clusters (K rows) and model_parameters (one row of packed arrays), written in
-- the same transaction that marks the run finished, so no half-written model is ever
-- visible. active_model points at the version that serves.

create table model_versions (
    version            bigint           generated always as identity primary key,
    status             text             not null
        constraint model_versions_status check (status in
            ('running', 'succeeded', 'failed', 'cancelled', 'rejected', 'active', 'retired')),
    trigger            text             not null
        constraint model_versions_trigger check (trigger in ('scheduled', 'admin')),
    -- the version that was active when the run started; publishing is a compare-and-set
    -- against it, so a run that stalled can never replace a model published meanwhile
    base_version       bigint           references model_versions (version),
    warm_start_version bigint           references model_versions (version),
    options            jsonb            not null,
    seed               bigint           not null,
    clusters           integer          not null,
    -- progress, written by the runner's heartbeat
    phase              text             not null default 'queued',
    iterations         integer          not null default 0,
    objective_trace    double precision[] not null default '{}',
    owner              text             not null,
    heartbeat_at       timestamptz      not null default now(),
    cancel_requested   boolean          not null default false,
    -- outcome
    converged          boolean,
    objective          double precision,
    log_likelihood     double precision,
    bic                double precision,
    holdout_ratings    integer,
    holdout_rmse       double precision,
    holdout_mae        double precision,
    holdout_ndcg       double precision,
    users              integer,
    items              integer,
    ratings            bigint,
    -- the snapshot the ratings were read in: ratings_changed_since(watermark) tells
    -- whether the data changed since (see V1)
    watermark          pg_snapshot,
    load_ms            bigint,
    fit_ms             bigint,
    evaluate_ms        bigint,
    persist_ms         bigint,
    error              text,
    rejection_reason   text,
    created_at         timestamptz      not null default now(),
    finished_at        timestamptz,
    activated_at       timestamptz
);

-- At most one run at a time across every instance sharing the database: a second
-- insert of a running row fails on this index. A runner keeps its row alive with a
-- heartbeat; a row whose heartbeat is older than the lease is marked failed by whoever
-- notices first (startup, the reaper, the next refit), which releases the "lock" of a
-- crashed or stalled runner.
create unique index model_versions_one_running on model_versions ((true)) where status = 'running';

comment on table model_versions is
    'One row per refit run and the model it produced: status, options, progress '
    '(heartbeat), metrics, timings and the data watermark. At most one row is running.';

create table model_clusters (
    version  bigint           not null references model_versions (version) on delete cascade,
    cluster  integer          not null,
    weight   double precision not null,
    variance double precision not null,
    -- training users whose most probable cluster this is
    users    integer          not null,
    primary key (version, cluster)
);

-- Item-level parameters as packed little-endian arrays, one row per model: a 50K-item,
-- K=64 model is ~26 MB here instead of 6.4M rows. Storage external: random floats do
-- not compress, so skip the attempt.
create table model_parameters (
    version         bigint           primary key references model_versions (version) on delete cascade,
    clusters        integer          not null,
    items           integer          not null,
    global_mean     double precision not null,
    user_damping    double precision not null,
    presence_weight double precision not null,
    like_threshold  double precision not null,
    -- int64 per item: items.id in model index order
    item_ids        bytea            not null,
    -- float32 per item
    item_bias       bytea            not null,
    -- float32 per item and cluster, item-major (mean of cluster j for item i at i*K + j)
    means           bytea            not null,
    -- float32 per item and cluster, item-major; null without the presence model
    presence        bytea
);

alter table model_parameters alter column item_ids set storage external;
alter table model_parameters alter column item_bias set storage external;
alter table model_parameters alter column means set storage external;
alter table model_parameters alter column presence set storage external;

-- The serving model: a single row. Activation is a compare-and-set on "version".
create table active_model (
    singleton    boolean     primary key default true
        constraint active_model_singleton check (singleton),
    version      bigint      references model_versions (version),
    activated_at timestamptz
);

insert into active_model (singleton, version) values (true, null);

-- Every change of the serving model, including rollbacks and forced activations.
create table model_activations (
    id               bigint      generated always as identity primary key,
    version          bigint      not null references model_versions (version),
    previous_version bigint      references model_versions (version),
    reason           text        not null
        constraint model_activations_reason check (reason in ('refit', 'rollback', 'forced')),
    activated_at     timestamptz not null default now()
);

comment on table model_activations is
    'Audit trail of which version served from when: refit publications, rollbacks and '
    'forced activations.';
