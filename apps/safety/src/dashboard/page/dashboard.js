// The safety monitor's dashboard: plain browser code, no build step. Every figure comes from the
// safety service's API with the bearer token the user pasted (kept in sessionStorage only). Its pure
// rules (countdown, timeline) are in dashboard-format.js, loaded before it.
'use strict';

const TOKEN_KEY = 'trialstream.dashboard.token';
const RECONNECT_MS = 3000;
const state = { trialId: '', token: '', alerts: new Map(), clocks: [], stream: null };

const $ = (id) => document.getElementById(id);

/** An element with text and attributes; text is never parsed as HTML. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'onclick') node.addEventListener('click', value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  return node;
}

const when = (instant) => new Date(instant).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

const KINDS = {
  SERIOUS_EVENT: 'Serious event',
  SUSAR: 'SUSAR',
  SEVERE_EVENT: 'Severe event (grade 3 or higher)',
  STOPPING_RULE_TRIGGERED: 'Stopping rule triggered',
  REPORT_OVERDUE: 'Expedited report overdue',
};

async function api(path, init = {}) {
  const response = await fetch(`/trials/${encodeURIComponent(state.trialId)}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${state.token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${response.status}: ${body.message ?? response.statusText}`);
  return body;
}

function setConnection(text, kind) {
  $('connection').textContent = text;
  $('connection').dataset.state = kind;
}

// ---- alerts ------------------------------------------------------------------------------

function subjectButton(subjectId) {
  return el('button', { type: 'button', class: 'link', 'data-subject': subjectId, onclick: () => openTimeline(subjectId) }, subjectId);
}

function alertItem(alert) {
  const acknowledged = Boolean(alert.acknowledgedAt);
  return el('li', { class: `alert severity-${alert.severity.toLowerCase()}`, 'data-alert-id': alert.alertId, 'data-acknowledged': String(acknowledged) },
    el('div', { class: 'alert-head' },
      el('span', { class: 'severity' }, alert.severity),
      el('span', { class: 'kind' }, KINDS[alert.kind] ?? alert.kind),
      el('time', { datetime: alert.raisedAt }, when(alert.raisedAt))),
    el('p', { class: 'summary' }, alert.summary),
    el('p', { class: 'next-step' }, alert.nextStep),
    el('p', { class: 'meta' }, 'Subject ', subjectButton(alert.subjectId), ` · case ${alert.caseId} v${alert.caseVersion}`,
      alert.dueDate ? ` · report due ${alert.dueDate}` : '', alert.ruleId ? ` · rule ${alert.ruleId}` : ''),
    acknowledged
      ? el('p', { class: 'acknowledged' }, `Acknowledged by ${alert.acknowledgedBy}, ${when(alert.acknowledgedAt)}`)
      : el('button', { type: 'button', class: 'acknowledge', onclick: () => acknowledge(alert.alertId) }, 'Acknowledge'));
}

function renderAlerts() {
  const sorted = [...state.alerts.values()].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
  $('alerts').replaceChildren(...sorted.map(alertItem));
  $('alerts-empty').hidden = sorted.length > 0;
}

async function acknowledge(alertId) {
  try {
    const acknowledged = await api(`/alerts/${alertId}/acknowledgement`, { method: 'POST', body: '{}' });
    state.alerts.set(alertId, acknowledged);
    renderAlerts();
  } catch (error) {
    setConnection(`Could not acknowledge: ${error.message}`, 'error');
  }
}

/**
 * Reads the live stream of server-sent events. The browser's EventSource cannot send an
 * Authorization header, so the stream is read with fetch() and parsed here: events are separated
 * by a blank line; "event:", "data:" and "id:" lines make one up; lines starting ":" are comments
 * (the heartbeat).
 */
async function follow(signal) {
  const response = await fetch(`/trials/${encodeURIComponent(state.trialId)}/alerts/stream`, {
    headers: { authorization: `Bearer ${state.token}`, accept: 'text/event-stream' },
    signal,
  });
  if (!response.ok) throw new Error(`the alert stream answered ${response.status}`);
  setConnection('Live', 'live');
  // Subscribed now: read the list once more, so an alert raised before the stream opened (while
  // the page loaded, or during a break) is shown too; the map keeps one entry per alert.
  void refreshAlerts().catch(() => undefined);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replaceAll('\r\n', '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = { event: 'message', data: [] };
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const name = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (name === 'data') fields.data.push(text);
        else fields[name] = text;
      }
      if (fields.event === 'alert' && fields.data.length) onAlert(JSON.parse(fields.data.join('\n')));
    }
  }
}

function onAlert(alert) {
  if (!state.alerts.has(alert.alertId)) state.alerts.set(alert.alertId, { ...alert, acknowledgedAt: null, acknowledgedBy: null });
  renderAlerts();
  // An alert may come with a hold placed or a clock set: read them again.
  void refreshClocks();
  void refreshHolds();
}

/** Follows the stream for as long as the page is connected, reconnecting (and catching up on the list) after a break. */
async function keepFollowing(controller) {
  while (!controller.signal.aborted) {
    try {
      await follow(controller.signal);
      setConnection('Stream ended; reconnecting', 'offline');
    } catch (error) {
      if (controller.signal.aborted) return;
      setConnection(`Stream interrupted (${error.message}); reconnecting`, 'error');
    }
    await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
  }
}

async function refreshAlerts() {
  const page = await api('/alerts?limit=200');
  for (const alert of page.items) state.alerts.set(alert.alertId, alert);
  renderAlerts();
}

// ---- clocks ------------------------------------------------------------------------------

async function refreshClocks() {
  const cases = await api('/cases?openClock=true&limit=200');
  const details = await Promise.all(cases.items.map((c) => api(`/cases/${encodeURIComponent(c.caseId)}`)));
  state.clocks = details
    .flatMap((c) => c.clocks.filter((k) => k.status === 'OPEN' || k.status === 'OVERDUE'))
    .sort((a, b) => a.overdueAt.localeCompare(b.overdueAt));
  $('clocks').replaceChildren(...state.clocks.map((k) =>
    el('tr', { 'data-case-id': k.caseId, 'data-report': k.report },
      el('td', {}, k.caseId),
      el('td', {}, subjectButton(k.subjectId)),
      el('td', {}, k.report === 'INITIAL' ? 'Initial report' : 'Completed report'),
      el('td', {}, el('time', { datetime: k.overdueAt }, k.dueDate)),
      el('td', { class: 'countdown', 'data-deadline': k.overdueAt }, countdown(k.overdueAt, Date.now())))));
  $('clocks-empty').hidden = state.clocks.length > 0;
}

function tick() {
  for (const cell of document.querySelectorAll('.countdown')) {
    cell.textContent = countdown(cell.dataset.deadline, Date.now());
    cell.classList.toggle('overdue', Date.parse(cell.dataset.deadline) <= Date.now());
  }
}

// ---- holds and trial status --------------------------------------------------------------

async function refreshHolds() {
  const [trial, holds] = await Promise.all([api(''), api('/dosing-holds?inPlace=true&limit=200')]);
  $('trial-title').textContent = `${trial.trialId ?? state.trialId} · ${trial.briefTitle ?? ''}`;
  $('trial-status').hidden = false;
  $('trial-status').textContent = trial.overallStatus ?? 'status unknown';
  $('trial-status').dataset.status = trial.overallStatus ?? '';
  const trialHold = holds.items.find((h) => h.scope === 'TRIAL');
  $('trial-hold').hidden = !trialHold && trial.overallStatus !== 'SUSPENDED';
  $('trial-hold').textContent = trialHold ? `The whole trial is on hold since ${when(trialHold.placedAt)}: ${trialHold.reason}` : `The trial is ${trial.overallStatus}.`;
  $('holds').replaceChildren(...holds.items.map((h) =>
    el('li', { class: `hold scope-${h.scope.toLowerCase()}`, 'data-hold-id': h.holdId },
      el('strong', {}, h.scope === 'TRIAL' ? 'Whole trial' : subjectButton(h.subjectId)),
      ` since ${when(h.placedAt)} · ${h.reason}`,
      // A rule's hold names the rule in its reason; a person's says who placed it.
      h.ruleId ? null : el('span', { class: 'meta' }, ` (placed by ${h.placedBy})`))));
  $('holds-empty').hidden = holds.items.length > 0;
}

// ---- a subject's timeline ----------------------------------------------------------------

async function showTimeline(subjectId) {
  $('timeline-subject').value = subjectId;
  const query = `subjectId=${encodeURIComponent(subjectId)}&limit=200`;
  const [cases, alerts, holds] = await Promise.all([api(`/cases?${query}`), api(`/alerts?${query}`), api(`/dosing-holds?${query}`)]);
  const entries = timelineOf({ cases: cases.items, alerts: alerts.items, holds: holds.items });
  $('timeline').replaceChildren(...(entries.length
    ? entries.map((e) => el('li', { class: `entry ${e.kind}` }, el('time', { datetime: e.at }, when(e.at)), el('span', {}, e.text)))
    : [el('li', { class: 'empty' }, `Nothing recorded for ${subjectId}.`)]));
  $('timeline-heading').textContent = `Subject timeline: ${subjectId}`;
}

function openTimeline(subjectId) {
  showTimeline(subjectId).catch((error) => setConnection(`Could not read the timeline of ${subjectId}: ${error.message}`, 'error'));
}

// ---- connecting --------------------------------------------------------------------------

async function connect(trialId, token) {
  state.stream?.abort();
  Object.assign(state, { trialId, token, alerts: new Map() });
  $('sign-in-error').textContent = '';
  try {
    await Promise.all([refreshAlerts(), refreshClocks(), refreshHolds()]);
  } catch (error) {
    $('sign-in-error').textContent = `Could not read trial ${trialId}: ${error.message}`;
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  history.replaceState(null, '', `?trial=${encodeURIComponent(trialId)}`);
  $('panels').hidden = false;
  state.stream = new AbortController();
  void keepFollowing(state.stream);
}

document.addEventListener('DOMContentLoaded', () => {
  const trialId = new URLSearchParams(location.search).get('trial') ?? '';
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  $('trial-id').value = trialId;
  $('token').value = token;
  $('sign-in').addEventListener('submit', (event) => {
    event.preventDefault();
    void connect($('trial-id').value.trim(), $('token').value.trim());
  });
  $('timeline-form').addEventListener('submit', (event) => {
    event.preventDefault();
    openTimeline($('timeline-subject').value.trim());
  });
  setInterval(tick, 1000);
  if (trialId && token) void connect(trialId, token);
});
