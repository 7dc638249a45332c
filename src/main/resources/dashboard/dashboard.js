// The mixrec operator dashboard. Everything it shows comes from the admin JSON API with
// the key the operator enters; the key stays in this tab's session storage.
(function () {
  'use strict';

  const KEY = 'mixrec.adminKey';
  const FITTED = ['active', 'retired', 'succeeded', 'rejected'];
  const state = { page: 0, size: 15, status: '', selected: null, followed: null, plots: {}, models: [], active: null,
    timer: null, ready: false };

  const $ = (id) => document.getElementById(id);

  class AuthError extends Error {}

  async function api(method, path, body) {
    const key = sessionStorage.getItem(KEY);
    if (!key) {
      throw new AuthError('No admin key.');
    }
    const headers = { 'X-API-Key': key, 'Accept': 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, { method, headers, body: (body !== undefined) ? JSON.stringify(body) : undefined,
      cache: 'no-store' });
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (response.status === 401) {
      throw new AuthError('The service refused this key (401): it is not one of its keys.');
    }
    if (response.status === 403) {
      throw new AuthError('This key is valid but not an admin key (403): the dashboard needs the admin key.');
    }
    if (!response.ok) {
      const error = new Error((json && (json.detail || json.title)) || ('HTTP ' + response.status));
      error.status = response.status;
      throw error;
    }
    return json;
  }

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([name, value]) => {
      if (name === 'class') {
        node.className = value;
      } else if (name.startsWith('on')) {
        node.addEventListener(name.substring(2), value);
      } else if (name === 'dataset') {
        Object.assign(node.dataset, value);
      } else {
        node[name] = value;
      }
    });
    children.flat().forEach((child) => {
      if (child !== null && child !== undefined) {
        node.append((child instanceof Node) ? child : String(child));
      }
    });
    return node;
  }

  const fixed = (value, digits) => (value === null || value === undefined) ? '–' : Number(value).toFixed(digits);
  const time = (iso) => iso ? new Date(iso).toLocaleString() : '–';
  const seconds = (s) => (s === null || s === undefined) ? '–' : (s < 120 ? s.toFixed(1) + ' s' : (s / 60).toFixed(1) + ' min');

  function showError(message) {
    const banner = $('error');
    banner.textContent = message || '';
    banner.hidden = !message;
  }

  // ---- key ----

  function showLogin(message) {
    stopTimer();
    $('app').hidden = true;
    $('forget-key').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
    $('status-line').textContent = '';
    $('key').focus();
  }

  async function login(event) {
    event.preventDefault();
    sessionStorage.setItem(KEY, $('key').value.trim());
    $('key').value = '';
    try {
      await api('GET', '/admin/models?limit=1');
    } catch (e) {
      sessionStorage.removeItem(KEY);
      showLogin((e instanceof AuthError) ? e.message : 'The service did not answer: ' + e.message);
      return;
    }
    start();
  }

  function forget() {
    sessionStorage.removeItem(KEY);
    Object.values(state.plots).forEach((plot) => plot.destroy());
    state.plots = {};
    showLogin('');
  }

  function start() {
    $('login').hidden = true;
    $('app').hidden = false;
    $('forget-key').hidden = false;
    refreshAll().then(() => {
      if (!state.ready) {
        state.ready = true;
        window.mixrecReadyMs = performance.now();
        document.body.dataset.ready = 'true';
      }
    });
  }

  async function guarded(action) {
    try {
      await action();
      showError('');
    } catch (e) {
      if (e instanceof AuthError) {
        sessionStorage.removeItem(KEY);
        showLogin(e.message);
      } else {
        showError(e.message);
      }
    }
  }

  // ---- loading ----

  function refreshAll() {
    return guarded(async () => {
      const [models, activity, history] = await Promise.all([api('GET', '/admin/models?limit=200'),
        api('GET', '/admin/ratings/activity'), fetchHistory()]);
      state.models = models;
      const active = models.find((m) => m.status === 'active');
      state.active = active ? await api('GET', '/admin/models/' + active.version) : null;
      renderHistory(history);
      renderActive();
      renderQuality();
      renderWeights();
      renderClusters();
      renderActivity(activity);
      const running = models.find((m) => m.status === 'running');
      if (running) {
        follow(running.version);
      } else if (state.selected === null && models.length > 0) {
        await showRefit(models[0].version);
      }
      $('status-line').textContent = 'updated ' + new Date().toLocaleTimeString()
        + (active ? ' · serving version ' + active.version : ' · no active model');
      schedule(running ? 250 : 15000, running ? () => poll(running.version) : refreshAll);
    });
  }

  function schedule(delay, task) {
    stopTimer();
    state.timer = setTimeout(task, delay);
  }

  function stopTimer() {
    if (state.timer) {
      clearTimeout(state.timer);
      state.timer = null;
    }
  }

  function follow(version) {
    state.followed = version;
    state.selected = version;
  }

  async function poll(version) {
    let refit;
    try {
      refit = await api('GET', '/admin/refits/' + version);
    } catch (e) {
      await guarded(() => { throw e; });
      schedule(2000, refreshAll);
      return;
    }
    if (state.selected === version) {
      renderObjective(refit);
    }
    if (refit.status === 'running') {
      schedule(250, () => poll(version));
    } else {
      state.followed = null;
      await refreshAll();
    }
  }

  async function showRefit(version) {
    state.selected = version;
    renderObjective(await api('GET', '/admin/refits/' + version));
  }

  function fetchHistory() {
    const status = state.status ? '&status=' + encodeURIComponent(state.status) : '';
    return api('GET', '/admin/refits?page=' + state.page + '&size=' + state.size + status);
  }

  async function loadHistory() {
    renderHistory(await fetchHistory());
  }

  // ---- panels ----

  function parts(model) {
    const chosen = model.selection && model.selection.chosen;
    if (chosen && chosen.users) {
      return 'users ' + chosen.users.clusters + ', items ' + chosen.items.clusters + ', aspects ' + chosen.aspects.clusters;
    }
    const engine = model.options && model.options.engine;
    if (engine && engine.users) {
      return 'users ' + engine.users.clusters + ', items ' + engine.items.clusters + ', aspects ' + engine.aspects.clusters;
    }
    return String(model.clusters);
  }

  function kChoice(model) {
    if (!model.selection) {
      return 'fixed by the options (clusters = ' + model.options.clusters + ')';
    }
    const candidates = model.selection.candidates || [];
    const chosen = candidates.filter((c) => c.chosen)
      .map((c) => (c.part ? c.part + ' ' : '') + (c.setting || 'K') + '=' + c.value + ' (' + c.measure + ' ' + fixed(c.score, 4) + ')');
    return (model.selection.criterion || 'chosen by data') + ': ' + candidates.length + ' candidates'
      + (chosen.length ? '; chosen ' + chosen.join(', ') : '');
  }

  function renderActive() {
    const box = $('active');
    box.replaceChildren();
    const m = state.active;
    if (!m) {
      box.append(el('p', { class: 'muted' }, 'No model is active yet: start a refit below.'));
      return;
    }
    const baselines = (m.gate && m.gate.baselines) || {};
    box.append(el('dl', { class: 'facts' },
      el('dt', {}, 'Version'), el('dd', { id: 'active-version' }, m.version + ' (' + m.options.preset + ')'),
      el('dt', {}, 'K per part'), el('dd', {}, parts(m)),
      el('dt', {}, 'Fitted'), el('dd', {}, time(m.finishedAt) + ' on ' + (m.data.ratings || 0) + ' ratings, '
        + (m.data.users || 0) + ' users, ' + (m.data.items || 0) + ' items'),
      el('dt', {}, 'Holdout RMSE'), el('dd', {}, fixed(m.holdout.rmse, 4) + '  (damped-bias baseline '
        + fixed(baselines.biasesRmse, 4) + ')'),
      el('dt', {}, 'Holdout NDCG@10'), el('dd', {}, fixed(m.holdout.ndcgAt10, 4) + '  (most-popular baseline '
        + fixed(baselines.popularityNdcgAt10, 4) + ')'),
      el('dt', {}, 'Initialisation'), el('dd', {}, m.initialisation
        + (m.warmStartVersion ? ' (from version ' + m.warmStartVersion + ')' : '')),
      el('dt', {}, 'Gate'), el('dd', {}, (m.gateDecision || 'not evaluated')
        + (m.gate && m.gate.enabled === false ? ' (gate off: activates anyway)' : '')),
      el('dt', {}, 'K chosen'), el('dd', {}, kChoice(m)),
      el('dt', {}, 'Settings'), el('dd', {}, el('code', {}, JSON.stringify(m.options)))));
  }

  function width(id) {
    return Math.max(260, $(id).clientWidth || 400);
  }

  function plot(id, options, data) {
    const target = $(id);
    if (state.plots[id]) {
      state.plots[id].destroy();
    }
    target.replaceChildren();
    options.width = width(id);
    options.height = options.height || (target.classList.contains('small') ? 160 : 240);
    state.plots[id] = new uPlot(options, data, target);
    return state.plots[id];
  }

  function renderQuality() {
    const fitted = state.models.filter((m) => m.holdout && m.holdout.rmse !== null && m.holdout.rmse !== undefined)
      .slice().sort((a, b) => a.version - b.version);
    const target = $('quality-plot');
    target.dataset.versions = fitted.map((m) => m.version).join(',');
    if (fitted.length === 0) {
      target.replaceChildren(el('p', { class: 'muted' }, 'No evaluated version yet.'));
      return;
    }
    const activated = (m) => m.activatedAt !== null && m.activatedAt !== undefined;
    const x = fitted.map((m) => m.version);
    const rmse = fitted.map((m) => m.holdout.rmse);
    const ndcg = fitted.map((m) => m.holdout.ndcgAt10);
    const rmseActive = fitted.map((m) => activated(m) ? m.holdout.rmse : null);
    const ndcgActive = fitted.map((m) => activated(m) ? m.holdout.ndcgAt10 : null);
    plot('quality-plot', {
      scales: { x: { time: false }, ndcg: {} },
      axes: [{ label: 'version', incrs: [1, 2, 5, 10, 20, 50, 100] },
        { label: 'RMSE', scale: 'y', size: 70, values: (u, ticks) => ticks.map((v) => v.toFixed(4)) },
        { label: 'NDCG@10', scale: 'ndcg', side: 1, size: 70, grid: { show: false },
          values: (u, ticks) => ticks.map((v) => v.toFixed(3)) }],
      series: [{ label: 'version' },
        { label: 'RMSE', stroke: '#c0392b', width: 2, points: { show: true, size: 6, fill: '#fff' } },
        { label: 'NDCG@10', stroke: '#2456c7', width: 2, scale: 'ndcg', points: { show: true, size: 6, fill: '#fff' } },
        { label: 'activated (RMSE)', stroke: '#c0392b', width: 0, points: { show: true, size: 10, fill: '#c0392b' } },
        { label: 'activated (NDCG)', stroke: '#2456c7', width: 0, scale: 'ndcg',
          points: { show: true, size: 10, fill: '#2456c7' } }]
    }, [x, rmse, ndcg, rmseActive, ndcgActive]);
  }

  function renderObjective(refit) {
    const target = $('objective-plot');
    const trace = refit.objectiveTrace || [];
    target.dataset.refit = refit.id;
    target.dataset.points = trace.length;
    target.dataset.status = refit.status;
    $('objective-title').textContent = '(refit ' + refit.id + ', ' + refit.status + ')';
    const eta = (refit.status === 'running' && refit.etaSeconds !== null) ? ', about ' + seconds(refit.etaSeconds) + ' left' : '';
    $('progress').textContent = 'phase ' + refit.phase + (refit.fitting ? ' (' + refit.fitting + ')' : '')
      + ' · iteration ' + trace.length
      + ' · objective ' + (refit.objective !== null ? Number(refit.objective).toPrecision(7) : '–')
      + ' · elapsed ' + seconds(refit.elapsedSeconds) + eta + ' · ' + refit.initialisation + ' start';
    if (trace.length === 0) {
      if (state.plots['objective-plot']) {
        state.plots['objective-plot'].destroy();
        delete state.plots['objective-plot'];
      }
      target.replaceChildren(el('p', { class: 'muted' }, 'No EM iteration recorded yet.'));
      return;
    }
    const data = [trace.map((_, i) => i + 1), trace];
    const existing = state.plots['objective-plot'];
    if (existing && existing.mixrecRefit === refit.id) {
      existing.setData(data);
      return;
    }
    const chart = plot('objective-plot', {
      scales: { x: { time: false } },
      axes: [{ label: 'EM iteration' }, { label: 'objective', size: 80 }],
      series: [{ label: 'iteration' }, { label: 'objective', stroke: '#137333', width: 2 }]
    }, data);
    chart.mixrecRefit = refit.id;
  }

  function bars(id, x, y, label, color, time) {
    return plot(id, {
      scales: { x: { time: time } },
      legend: { show: false },
      axes: [time ? {} : { incrs: [1, 2, 5, 10, 20, 50, 100] }, { size: 70 }],
      series: [{}, { label, fill: color, stroke: color, paths: uPlot.paths.bars({ size: [0.8, 60] }), points: { show: false } }]
    }, [x, y]);
  }

  function renderWeights() {
    const target = $('weights-plot');
    const clusters = (state.active && state.active.clusterDetails) || [];
    target.dataset.clusters = clusters.length;
    if (clusters.length === 0) {
      target.replaceChildren(el('p', { class: 'muted' }, 'No active model.'));
      return;
    }
    bars('weights-plot', clusters.map((c) => c.cluster), clusters.map((c) => c.weight), 'weight', '#2456c7', false);
  }

  function renderActivity(activity) {
    $('stored').textContent = (activity.storedEstimated ? 'about ' : '') + activity.stored.toLocaleString() + ' ratings stored';
    const toX = (buckets) => buckets.map((b) => Date.parse(b.start) / 1000);
    bars('hourly-plot', toX(activity.hourly), activity.hourly.map((b) => b.ratings), 'ratings', '#7a4fbf', true);
    bars('daily-plot', toX(activity.daily), activity.daily.map((b) => b.ratings), 'ratings', '#7a4fbf', true);
  }

  function itemNames(items) {
    return (items || []).slice(0, 5).map((i) => i.title || i.itemId).join('; ');
  }

  function renderClusters() {
    const body = $('clusters').tBodies[0];
    body.replaceChildren();
    ((state.active && state.active.clusterDetails) || []).forEach((c) => {
      body.append(el('tr', {}, el('td', { class: 'num' }, c.cluster), el('td', { class: 'num' }, fixed(c.weight, 3)),
        el('td', { class: 'num' }, c.users), el('td', {}, itemNames(c.likedMost)), el('td', {}, itemNames(c.ratedMost))));
    });
  }

  function confirmThen(question, action) {
    return () => {
      if (window.confirm(question)) {
        guarded(action).then(() => refreshAll());
      }
    };
  }

  function actions(refit) {
    const cell = el('td', {});
    cell.append(el('button', { type: 'button', class: 'show-objective', onclick: () => guarded(() => showRefit(refit.id)) },
      'Objective'));
    if (refit.status === 'running') {
      cell.append(el('button', { type: 'button', class: 'cancel',
        onclick: confirmThen('Ask refit ' + refit.id + ' to stop?', () => api('POST', '/admin/refits/' + refit.id + '/cancel')) },
      'Cancel'));
    }
    const activeVersion = state.active ? state.active.version : null;
    if (FITTED.includes(refit.status) && refit.status !== 'active') {
      const rollback = activeVersion !== null && refit.id < activeVersion;
      const label = rollback ? 'Roll back' : 'Activate';
      cell.append(el('button', { type: 'button', class: rollback ? 'rollback' : 'activate', dataset: { version: refit.id },
        onclick: confirmThen(label + ' to version ' + refit.id + '? It serves at once on every instance.',
          () => api('POST', '/admin/models/' + refit.id + '/activate')) }, label));
    }
    return cell;
  }

  function options(refit) {
    const o = refit.options || {};
    const text = [o.preset, 'K ' + o.clusters, o.engine && o.engine.restarts ? 'restarts ' + o.engine.restarts : null,
      'seed ' + (o.engine && o.engine.seed !== undefined ? o.engine.seed : (o.seed !== undefined ? o.seed : ''))]
      .filter((part) => part).join(', ');
    return el('td', { title: JSON.stringify(o) }, text);
  }

  function renderHistory(page) {
    const body = $('history').tBodies[0];
    body.replaceChildren();
    page.refits.forEach((r) => {
      body.append(el('tr', { dataset: { refit: r.id } },
        el('td', { class: 'num' }, r.id), el('td', { class: 'status-' + r.status }, r.status), el('td', {}, r.trigger),
        el('td', {}, time(r.startedAt)), el('td', { class: 'num' }, seconds(r.durationSeconds)),
        el('td', { class: 'num' }, r.iterations), options(r), el('td', {}, r.initialisation),
        el('td', { title: r.reason || '' }, (r.gateDecision || '–') + (r.reason ? ': ' + r.reason : '')),
        el('td', { class: 'num' }, fixed(r.holdoutRmse, 4)), el('td', { class: 'num' }, fixed(r.holdoutNdcgAt10, 4)),
        actions(r)));
    });
    $('history-page').textContent = 'page ' + (page.page + 1) + ' of ' + Math.max(1, page.totalPages)
      + ' (' + page.totalElements + ' runs)';
    $('history-prev').disabled = page.page === 0;
    $('history-next').disabled = page.page + 1 >= page.totalPages;
  }

  async function startRefit(event) {
    event.preventDefault();
    const body = {};
    const number = (id) => $(id).value === '' ? undefined : Number($(id).value);
    if ($('start-preset').value) {
      body.preset = $('start-preset').value;
    }
    [['clusters', 'start-clusters'], ['restarts', 'start-restarts'], ['maxIterations', 'start-iterations'],
      ['seed', 'start-seed']].forEach(([name, id]) => {
      if (number(id) !== undefined) {
        body[name] = number(id);
      }
    });
    if ($('start-warm').checked) {
      body.warmStart = true;
    }
    if (!window.confirm('Start a refit with ' + (Object.keys(body).length ? JSON.stringify(body) : 'the configured options') + '?')) {
      return;
    }
    await guarded(async () => {
      const refit = await api('POST', '/admin/refits', body);
      follow(refit.id);
      renderObjective(refit);
    });
    await refreshAll();
  }

  async function lookUp(event) {
    event.preventDefault();
    const id = $('user-id').value.trim();
    const box = $('user');
    box.replaceChildren(el('p', { class: 'muted' }, 'Looking up ' + id + '…'));
    const path = '/users/' + encodeURIComponent(id);
    await guarded(async () => {
      let count = 0;
      try {
        count = (await api('GET', path + '/ratings?size=1')).totalElements;
      } catch (e) {
        if (e.status !== 404) {
          throw e;
        }
      }
      const [clusters, recommendations] = await Promise.all([api('GET', path + '/clusters'),
        api('GET', path + '/recommendations?limit=10')]);
      box.replaceChildren(
        el('p', { id: 'user-summary' }, 'User ' + id + ': ' + count + ' ratings stored, ' + clusters.ratingsUsed
          + ' used by model version ' + clusters.modelVersion + (clusters.coldStart ? ' (cold start)' : '')),
        el('h3', {}, 'Posterior over clusters'),
        el('table', { id: 'user-posterior' }, el('tbody', {}, clusters.clusters.slice(0, 8).map((c) => {
          const bar = el('span', { class: 'bar' });
          bar.style.width = Math.max(1, Math.round(c.probability * 200)) + 'px';
          return el('tr', {}, el('td', { class: 'num' }, c.cluster), el('td', {}, bar, fixed(c.probability, 3)),
            el('td', { class: 'muted' }, itemNames(c.likedMost)));
        }))),
        el('h3', {}, 'Top recommendations'),
        el('table', { id: 'user-recommendations' },
          el('thead', {}, el('tr', {}, el('th', {}, 'Item'), el('th', {}, 'Score'), el('th', {}, 'Predicted rating ± std. dev.'))),
          el('tbody', {}, recommendations.items.map((i) => el('tr', {}, el('td', {}, i.title || i.itemId),
            el('td', { class: 'num' }, fixed(i.score, 4)),
            el('td', { class: 'num' }, fixed(i.predictedRating, 2) + ' ± ' + fixed(i.stdDev, 2)))))));
    });
  }

  function resize() {
    Object.entries(state.plots).forEach(([id, chart]) => chart.setSize({ width: width(id), height: chart.height }));
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('login-form').addEventListener('submit', login);
    $('forget-key').addEventListener('click', forget);
    $('start-form').addEventListener('submit', startRefit);
    $('user-form').addEventListener('submit', lookUp);
    $('history-status').addEventListener('change', () => {
      state.status = $('history-status').value;
      state.page = 0;
      guarded(loadHistory);
    });
    $('history-prev').addEventListener('click', () => {
      state.page = Math.max(0, state.page - 1);
      guarded(loadHistory);
    });
    $('history-next').addEventListener('click', () => {
      state.page += 1;
      guarded(loadHistory);
    });
    window.addEventListener('resize', resize);
    if (sessionStorage.getItem(KEY)) {
      start();
    } else {
      showLogin('');
    }
  });
}());
