// The first-run checklist on the scenario list: three steps to a working account, each linking to where it is done and
// ticked once it is (the page reads the state from the database on every visit).
import { CircleCheck, Circle } from 'lucide-react';
import Link from 'next/link';
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import type { FirstRunItem } from '@/lib/ui-types';

const text: Record<FirstRunItem['id'], { title: MessageKey; hint: MessageKey; open: MessageKey }> = {
  channel: { title: 'firstRun.channel', hint: 'firstRun.channel.hint', open: 'firstRun.channel.open' },
  attributes: { title: 'firstRun.attributes', hint: 'firstRun.attributes.hint', open: 'firstRun.attributes.open' },
  publish: { title: 'firstRun.publish', hint: 'firstRun.publish.hint', open: 'firstRun.publish.open' },
};

function words(item: FirstRunItem): { title: MessageKey; hint: MessageKey; open: MessageKey } {
  const base = text[item.id];
  if (item.id === 'channel' && item.variant === 'dev')
    return { ...base, hint: 'firstRun.channel.hintDev', open: 'firstRun.channel.openDev' };
  if (item.id === 'publish' && item.variant === 'noSample')
    return { ...base, hint: 'firstRun.publish.hintNoSample', open: 'firstRun.publish.openList' };
  return base;
}

export function FirstRunChecklist({ lang, items }: { lang: Lang; items: FirstRunItem[] }) {
  const done = items.filter((i) => i.done).length;
  return (
    <section
      className="mb-6 rounded-lg border border-line/40 bg-white p-5 shadow-sm"
      data-testid="first-run"
      aria-labelledby="first-run-title"
    >
      <div className="mb-3 flex items-baseline justify-between">
        <h2 id="first-run-title" className="text-lg font-semibold">
          {t(lang, 'firstRun.title')}
        </h2>
        <span className="text-sm text-slate-500" data-testid="first-run-progress">
          {t(lang, 'firstRun.progress').replace('{done}', String(done)).replace('{total}', String(items.length))}
        </span>
      </div>
      <ol className="space-y-2">
        {items.map((item) => {
          const w = words(item);
          return (
            <li
              key={item.id}
              className={`flex items-start gap-3 rounded-md border px-3 py-2 ${item.done ? 'border-emerald-200 bg-emerald-50/60' : 'border-slate-200'}`}
              data-testid={`first-run-${item.id}`}
              data-done={item.done}
            >
              {item.done ? (
                <CircleCheck className="mt-0.5 h-5 w-5 shrink-0 text-emerald-600" aria-label={t(lang, 'firstRun.done')} />
              ) : (
                <Circle className="mt-0.5 h-5 w-5 shrink-0 text-slate-300" aria-label={t(lang, 'firstRun.todo')} />
              )}
              <div className="min-w-0 flex-1">
                <div className={`text-sm font-medium ${item.done ? 'text-slate-500 line-through decoration-slate-300' : 'text-slate-900'}`}>
                  {t(lang, w.title)}
                </div>
                {!item.done && <p className="text-xs text-slate-500">{t(lang, w.hint)}</p>}
              </div>
              {!item.done && (
                <Link
                  href={item.href}
                  className="shrink-0 rounded-md border border-line px-2.5 py-1 text-xs font-medium text-line-dark hover:bg-line/10"
                  data-testid={`first-run-${item.id}-link`}
                >
                  {t(lang, w.open)}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
