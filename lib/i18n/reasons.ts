// Stored reasons (a send's `reason`, a run's `end_reason`) in the reader's language: the codes the engine writes are
// never shown as they are.
import { t, type Lang, type MessageKey } from './dictionary';

const SEND: Record<string, MessageKey> = {
  blocked: 'send.reason.blocked',
  scenario_stopped: 'send.reason.scenario_stopped',
  friend_deleted: 'send.reason.friend_deleted',
  frequency_cap: 'send.reason.frequency_cap',
  'held:credentials': 'channel.reason.heldCredentials',
  'held:quota': 'channel.reason.heldQuota',
  expired: 'channel.reason.expired',
  unknown: 'send.reason.unknown',
};

/** Why a send failed or was skipped: 'LINE 400: {…}' → 「LINEがエラーを返しました（400）」, 'frequency_cap' → …. */
export function sendReasonText(lang: Lang, reason: string | null): string {
  if (!reason) return t(lang, 'send.reason.unknown');
  const key = SEND[reason];
  if (key) return t(lang, key);
  const line = /^LINE (\d{3})/.exec(reason);
  if (line) return t(lang, 'send.reason.line').replace('{status}', line[1] ?? '');
  // The core's skip_send: the rendered message breaks one of LINE's limits.
  if (reason.startsWith('not sent:')) return t(lang, 'send.reason.invalid');
  return t(lang, 'send.reason.other');
}

const END: Record<string, MessageKey> = {
  end: 'run.end.end',
  goal: 'run.end.goal',
  stopped: 'run.end.stopped',
  'stopped: blocked': 'run.end.stopped.blocked',
  'stopped: scenario_stopped': 'run.end.stopped.scenario_stopped',
  'stopped: operator': 'run.end.stopped.operator',
  filtered: 'run.end.filtered',
  missing_date: 'run.end.missing_date',
  dead_end: 'run.end.dead_end',
  step_budget: 'run.end.step_budget',
  holdout: 'run.end.holdout',
  erased: 'run.end.erased',
  horizon: 'run.end.horizon',
};

/** How a run ended, from its stored `reason` or `reason: detail` (the detail, written for logs, is not shown). */
export function endReasonText(lang: Lang, endReason: string): string {
  const key = END[endReason] ?? END[endReason.split(':')[0] ?? ''];
  return key ? t(lang, key) : t(lang, 'send.reason.other');
}
