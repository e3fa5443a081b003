// The dashboard's pure rules, no page in sight: a script of their own so unit tests load them too
// (dashboard-format.spec.ts). Classic script: its functions are globals the page's script calls.
'use strict';

/**
 * Time left to a deadline, or how long past it: "6 d 23:59:58 left", "overdue by 0 d 00:00:03".
 * A report is overdue from its deadline on; the seconds left round up, so "0 d 00:00:00 left" is never shown.
 */
function countdown(deadline, now) {
  const ms = Date.parse(deadline) - now;
  const seconds = ms > 0 ? Math.ceil(ms / 1000) : Math.floor(-ms / 1000);
  const pad = (n) => String(n).padStart(2, '0');
  const text = `${Math.floor(seconds / 86400)} d ${pad(Math.floor(seconds / 3600) % 24)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  return ms > 0 ? `${text} left` : `overdue by ${text}`;
}

/** What happened to a subject, oldest first, from its cases, alerts and holds as the API lists them; what happened at one instant keeps that order. */
function timelineOf({ cases, alerts, holds }) {
  return [
    ...cases.map((c) => ({ at: c.openedAt, kind: 'case', text: `Case ${c.caseId} opened: ${c.term}, grade ${c.ctcaeGrade}${c.serious ? ', serious' : ''}${c.susar ? ', SUSAR' : ''} (now version ${c.currentVersion})` })),
    ...holds.map((h) => ({ at: h.placedAt, kind: 'hold', text: `Dosing hold placed: ${h.reason}` })),
    ...alerts.map((a) => ({ at: a.raisedAt, kind: `alert severity-${a.severity.toLowerCase()}`, text: `${a.severity} alert: ${a.summary}` })),
    ...alerts.filter((a) => a.acknowledgedAt).map((a) => ({ at: a.acknowledgedAt, kind: 'acknowledgement', text: `Alert acknowledged by ${a.acknowledgedBy}: ${a.summary}` })),
    ...holds.filter((h) => h.liftedAt).map((h) => ({ at: h.liftedAt, kind: 'hold-lifted', text: `Dosing hold lifted by ${h.liftedBy}: ${h.liftReason}` })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
