// A friend's scenario runs, the messages sent to them (with delivery status; テスト配信 runs and their sends marked as
// test) and their recent events.
import Link from 'next/link';
import { formatInstant } from '@/lib/format';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { endReasonText, sendReasonText } from '@/lib/i18n/reasons';
import { messagePreviewIn } from '@/lib/line/message-preview';
import { stepKey, type StepNames } from '@/lib/friends/step-names';
import type { EventRow, FriendMessageRow, FriendRunRow } from '@/lib/ui-types';
import { isQuietHold } from '@/scenario/quiet-hours';
import { WaitingSchema } from '@/scenario/run-state';

const sendColour: Record<string, string> = {
  pending: 'bg-amber-100 text-amber-800',
  sent: 'bg-green-100 text-green-800',
  failed: 'bg-rose-100 text-rose-800',
  skipped: 'bg-slate-100 text-slate-600',
};
const runColour: Record<string, string> = {
  active: 'bg-sky-100 text-sky-800',
  done: 'bg-green-100 text-green-800',
  stopped: 'bg-slate-100 text-slate-600',
};

export function FriendActivity({
  lang,
  runs,
  messages,
  events,
  steps,
}: {
  lang: Lang;
  runs: FriendRunRow[];
  messages: FriendMessageRow[];
  events: EventRow[];
  /** The steps' names (see lib/friends/step-names.ts): a position is shown by its step, never its id. */
  steps: StepNames;
}) {
  const step = (versionId: string, nodeId: string) => steps[stepKey(versionId, nodeId)] ?? t(lang, 'friend.stepGone');
  const section = 'mt-6 rounded-lg border border-slate-200 bg-white p-4';
  const empty = (key: 'friend.noRuns' | 'friend.noMessages' | 'friend.noEvents') => (
    <p className="text-sm text-slate-400">{t(lang, key)}</p>
  );
  return (
    <>
      <section className={section} data-testid="friend-runs">
        <h2 className="mb-3 font-semibold">{t(lang, 'friend.runs')}</h2>
        {runs.length === 0 ? (
          empty('friend.noRuns')
        ) : (
          <table className="w-full text-sm">
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <td className="py-1.5 pr-2">
                    <Link href={`/scenarios/${r.scenarioId}`} className="text-line-dark hover:underline">
                      {r.scenarioName ?? r.scenarioId}
                    </Link>
                    {r.isTest ? (
                      <span className="ml-1 rounded bg-violet-100 px-1 text-xs text-violet-700">{t(lang, 'friend.testMessage')}</span>
                    ) : null}
                  </td>
                  <td className="py-1.5 pr-2">
                    <span className={`rounded-full px-2 py-0.5 text-xs ${runColour[r.status] ?? ''}`}>
                      {t(lang, `friend.run.${r.status}`)}
                    </span>
                  </td>
                  <td className="py-1.5 pr-2 text-xs text-slate-500" data-testid="run-position">
                    {r.currentNodeId
                      ? t(lang, 'run.at').replace('{step}', step(r.versionId, r.currentNodeId))
                      : r.endReason
                        ? endReasonText(lang, r.endReason)
                        : ''}
                    {r.status === 'active' && isQuietHold(WaitingSchema.safeParse(r.waitingFor).data) && r.waitingUntil ? (
                      <span className="mt-0.5 block rounded bg-amber-50 px-1.5 py-0.5 text-amber-800" data-testid="run-held">
                        {t(lang, 'timing.held.friend').replace('{until}', formatInstant(r.waitingUntil, lang))}
                      </span>
                    ) : null}
                  </td>
                  <td className="py-1.5 text-xs text-slate-500">{formatInstant(r.startedAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className={section} data-testid="friend-messages">
        <h2 className="mb-3 font-semibold">{t(lang, 'friend.messages')}</h2>
        {messages.length === 0 ? (
          empty('friend.noMessages')
        ) : (
          <ul className="flex flex-col gap-2">
            {messages.map((m) => (
              <li
                key={m.id}
                className={`flex items-start gap-3 border-t border-slate-100 pt-2 text-sm ${m.isTest ? 'border-l-2 border-l-violet-300 pl-2' : ''}`}
              >
                <div className="min-w-0 flex-1">
                  {m.messages.map((msg, i) => (
                    <p
                      key={i}
                      className="mb-1 inline-block max-w-full whitespace-pre-wrap break-words rounded-2xl bg-slate-100 px-3 py-1.5"
                    >
                      {messagePreviewIn(lang, msg)}
                    </p>
                  ))}
                  <div className="text-xs text-slate-400">
                    {m.scenarioName ?? m.scenarioId} · {step(m.versionId, m.nodeId)}
                  </div>
                </div>
                <div className="shrink-0 text-right text-xs">
                  {m.isTest ? (
                    <span className="mr-1 rounded-full bg-violet-100 px-2 py-0.5 text-violet-700" data-testid="test-message">
                      {t(lang, 'friend.testMessage')}
                    </span>
                  ) : null}
                  <span className={`rounded-full px-2 py-0.5 ${sendColour[m.status] ?? ''}`}>{t(lang, `friend.send.${m.status}`)}</span>
                  {m.reason ? <div className="mt-0.5 text-slate-400">{sendReasonText(lang, m.reason)}</div> : null}
                  <div className="mt-0.5 text-slate-500">{formatInstant(m.sentAt ?? m.createdAt, lang)}</div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={section} data-testid="friend-events">
        <h2 className="mb-3 font-semibold">{t(lang, 'friend.events')}</h2>
        {events.length === 0 ? (
          empty('friend.noEvents')
        ) : (
          <table className="w-full text-sm">
            <tbody>
              {events.map((e) => (
                <tr key={e.id} className="border-t border-slate-100">
                  <td className="py-1.5 pr-2 font-mono text-xs">{e.name}</td>
                  <td className="py-1.5 pr-2 text-xs text-slate-500">{t(lang, `friend.eventSource.${e.source}`)}</td>
                  <td
                    className="max-w-xs truncate py-1.5 pr-2 font-mono text-xs text-slate-400"
                    title={JSON.stringify(e.properties)}
                    translate="no"
                  >
                    {JSON.stringify(e.properties)}
                  </td>
                  <td className="py-1.5 text-xs text-slate-500">{formatInstant(e.occurredAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
