'use client';
// The broadcast's audience: the editor's own condition builder (friend fields, tags, ID link, days since added, event
// counts) with the live count of friends it selects now, asked of the server once a change has settled.
import { useEffect, useState } from 'react';
import { ConditionBuilder } from '@/components/editor/inspector/condition-builder';
import { IssueText } from '@/components/editor/inspector/fields';
import { useEditor } from '@/components/editor/editor-context';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionResult } from '@/lib/ui-types';
import type { Condition } from '@/scenario/conditions';

export type CountAction = (audience: Condition) => Promise<ActionResult<{ count: number }>>;
type Count = { kind: 'counting' } | { kind: 'incomplete' } | { kind: 'count'; n: number };

export function AudienceField({
  lang,
  audience,
  onChange,
  countAction,
  onCount,
}: {
  lang: Lang;
  audience: Condition;
  onChange: (c: Condition) => void;
  countAction: CountAction;
  onCount: (n: number | null) => void;
}) {
  const [count, setCount] = useState<Count>({ kind: 'counting' });
  // The map's own entry (a stable reference): a fresh array from the selector would re-render for ever.
  const triggerIssues = useEditor((s) => s.issuesByNode.get('trigger'));
  const issues = (triggerIssues ?? []).filter((i) => i.path.includes('audience'));
  const key = JSON.stringify(audience);
  useEffect(() => {
    let live = true;
    setCount({ kind: 'counting' });
    onCount(null);
    const timer = setTimeout(() => {
      void countAction(audience).then((r) => {
        if (!live) return;
        setCount(r.ok ? { kind: 'count', n: r.count } : { kind: 'incomplete' });
        onCount(r.ok ? r.count : null);
      });
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // Asked again only when the condition itself changed (its JSON), not on every render; `audience` is that render's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return (
    <div className="space-y-2">
      <p className="text-xs text-slate-500">{t(lang, 'broadcasts.audience.help')}</p>
      <ConditionBuilder value={audience} onChange={onChange} testId="broadcast-audience" />
      <IssueText issues={issues} />
      <p className="text-sm" data-testid="broadcast-count" aria-live="polite">
        {count.kind === 'counting' ? <span className="text-slate-500">{t(lang, 'broadcasts.counting')}</span> : null}
        {count.kind === 'incomplete' ? <span className="text-slate-500">{t(lang, 'broadcasts.countIncomplete')}</span> : null}
        {count.kind === 'count' ? (
          <>
            <span className={`font-bold ${count.n === 0 ? 'text-rose-700' : 'text-slate-900'}`} data-count={count.n}>
              {t(lang, 'broadcasts.count').replace('{n}', count.n.toLocaleString())}
            </span>{' '}
            <span className="text-xs text-slate-500">{t(lang, 'broadcasts.countNow')}</span>
            {count.n === 0 ? <span className="mt-1 block text-xs text-rose-700">{t(lang, 'broadcasts.countZero')}</span> : null}
          </>
        ) : null}
      </p>
    </div>
  );
}
