'use client';
// The friends behind a step's figures (waiting now, converted, blocked after its send), each linking to the friend page.
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { formatInstant } from '@/lib/format';
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';

type Kind = 'waiting' | 'converted' | 'blocked';
type Row = { friendId: string; displayName: string; at: string; since: string | null };
type State = { status: 'loading' } | { status: 'error' } | { status: 'done'; rows: Row[] };

const LABEL: Record<Kind, MessageKey> = {
  waiting: 'analytics.friends.waiting',
  converted: 'analytics.friends.converted',
  blocked: 'analytics.friends.blocked',
};
const SINCE: Record<Kind, MessageKey> = {
  waiting: 'analytics.friends.until',
  converted: 'analytics.friends.reached',
  blocked: 'analytics.friends.sentAt',
};

export function FriendList(props: {
  scenarioId: string;
  nodeId: string;
  lang: Lang;
  query: string;
  showBlocked: boolean;
  showConverted: boolean;
}) {
  const { lang } = props;
  const kinds: Kind[] = [
    'waiting',
    ...(props.showConverted ? (['converted'] as const) : []),
    ...(props.showBlocked ? (['blocked'] as const) : []),
  ];
  const [kind, setKind] = useState<Kind>('waiting');
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    const ctl = new AbortController();
    setState({ status: 'loading' });
    const url = `/api/scenarios/${props.scenarioId}/analytics/friends?${props.query}&node=${encodeURIComponent(props.nodeId)}&kind=${kind}`;
    fetch(url, { signal: ctl.signal })
      .then(async (r) => {
        if (!r.ok) throw new Error(String(r.status));
        const body: { friends: Row[] } = await r.json();
        setState({ status: 'done', rows: body.friends });
      })
      .catch(() => {
        if (!ctl.signal.aborted) setState({ status: 'error' });
      });
    return () => ctl.abort();
  }, [props.scenarioId, props.nodeId, props.query, kind]);

  return (
    <section className="mt-5" data-testid="analytics-friends">
      <div className="mb-2 flex gap-1 border-b border-slate-200">
        {kinds.map((k) => (
          <button
            key={k}
            type="button"
            onClick={() => setKind(k)}
            className={`-mb-px border-b-2 px-2.5 py-1.5 text-xs font-medium ${k === kind ? 'border-line-dark text-line-dark' : 'border-transparent text-slate-500 hover:text-slate-700'}`}
          >
            {t(lang, LABEL[k])}
          </button>
        ))}
      </div>
      <p className="mb-2 text-[11px] text-slate-400">{t(lang, 'analytics.friends.limit')}</p>
      {state.status === 'loading' ? <p className="text-sm text-slate-500">{t(lang, 'analytics.friends.loading')}</p> : null}
      {state.status === 'error' ? <p className="text-sm text-rose-600">{t(lang, 'analytics.friends.error')}</p> : null}
      {state.status === 'done' && state.rows.length === 0 ? (
        <p className="text-sm text-slate-500">{t(lang, 'analytics.friends.empty')}</p>
      ) : null}
      {state.status === 'done' && state.rows.length > 0 ? (
        <ul className="divide-y divide-slate-100 text-sm">
          {state.rows.map((r) => (
            <li key={r.friendId} className="py-1.5">
              <Link href={`/friends/${r.friendId}`} className="font-medium text-line-dark hover:underline">
                {r.displayName || r.friendId.slice(0, 8)}
              </Link>
              <div className="text-[11px] text-slate-500">
                {formatInstant(new Date(r.at), lang)}
                {r.since ? ` · ${t(lang, SINCE[kind])} ${formatInstant(new Date(r.since), lang)}` : ''}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
