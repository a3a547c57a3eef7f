'use client';
// A step's detail beside the analytics canvas: every figure with its definition's wording, outputs, send breakdown, and
// the friends behind them (only for operators who may see friends' details: the list is personal data).
import { count, percent } from '@/lib/analytics/format';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { sendReasonText } from '@/lib/i18n/reasons';
import type { NodeFigures } from '@/lib/ui-types';
import type { ScenarioGraph } from '@/scenario/schema';
import { FriendList } from './friend-list';
import { outputLabel } from './flow-view';

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="flex items-baseline justify-between gap-3 border-b border-slate-100 py-1.5 text-sm">
      <dt className="text-slate-600">{label}</dt>
      <dd className="shrink-0 font-medium tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export function NodeDetail(props: {
  scenarioId: string;
  graph: ScenarioGraph;
  nodeId: string;
  title: string;
  figures: NodeFigures | null;
  lang: Lang;
  query: string;
  canSeeFriends: boolean;
  onClose: () => void;
}) {
  const { figures: f, lang, graph } = props;
  const node = graph.nodes.find((n) => n.id === props.nodeId);
  const hasGoal = graph.settings.goal !== undefined;
  const c = (n: number) => count(n, lang);
  const s = f?.sends ?? null;
  return (
    <div className="p-5">
      <div className="mb-3 flex items-start justify-between gap-2">
        <div>
          <h2 className="font-semibold">{props.title}</h2>
          <div className="font-mono text-xs text-slate-400" translate="no">
            {props.nodeId}
          </div>
        </div>
        <button type="button" onClick={props.onClose} className="rounded px-2 py-1 text-xs text-slate-500 hover:bg-slate-100">
          {t(lang, 'analytics.detail.close')}
        </button>
      </div>
      <dl>
        <Row label={t(lang, 'analytics.entered')} value={c(f?.entered ?? 0)} testId="detail-entered" />
        <Row label={t(lang, 'analytics.visits')} value={c(f?.visits ?? 0)} />
        <Row label={t(lang, 'analytics.waiting')} value={c(f?.waitingNow ?? 0)} />
        {f && f.heldNow > 0 ? <Row label={`└ ${t(lang, 'timing.analytics.held')}`} value={c(f.heldNow)} testId="detail-held" /> : null}
        <Row
          label={t(lang, 'analytics.converted')}
          value={hasGoal && f && f.converted !== null ? `${c(f.converted)} (${percent(f.converted, f.entered)})` : '—'}
          testId="detail-converted"
        />
      </dl>
      {node?.kind === 'send' ? (
        <>
          <h3 className="mb-1 mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">LINE</h3>
          <dl>
            <Row label={t(lang, 'analytics.sent')} value={c(s?.sent ?? 0)} />
            <Row label={t(lang, 'analytics.sentFriends')} value={c(s?.sentFriends ?? 0)} />
            <Row label={t(lang, 'analytics.failed')} value={c(s?.failed ?? 0)} />
            {Object.entries(s?.failedByReason ?? {}).map(([r, n]) => (
              <Row key={`f-${r}`} label={`　${sendReasonText(lang, r)}`} value={c(n)} />
            ))}
            <Row label={t(lang, 'analytics.skipped')} value={c(s?.skipped ?? 0)} />
            {Object.entries(s?.skippedByReason ?? {}).map(([r, n]) => (
              <Row key={`s-${r}`} label={`　${sendReasonText(lang, r)}`} value={c(n)} />
            ))}
            {s && s.pending > 0 ? <Row label={t(lang, 'analytics.pending')} value={c(s.pending)} /> : null}
          </dl>
          <p className="mt-3 text-xs leading-5 text-slate-500">{t(lang, 'analytics.clicks')}</p>
          <dl>
            <Row label={t(lang, 'analytics.clicks.short')} value={c(s?.uniqueClicks ?? 0)} testId="detail-clicks" />
            <Row label={t(lang, 'analytics.clickRate')} value={s ? percent(s.uniqueClicks, s.sentFriends) : '—'} />
            <Row label={t(lang, 'analytics.clicks.all')} value={c(s?.clicks ?? 0)} />
            <Row label={t(lang, 'analytics.blockedAfter')} value={c(s?.blockedAfter ?? 0)} testId="detail-blocked" />
          </dl>
        </>
      ) : null}
      {f && Object.keys(f.outputs).length > 0 ? (
        <>
          <h3 className="mb-1 mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">{t(lang, 'analytics.outputs')}</h3>
          <dl>
            {Object.entries(f.outputs).map(([o, v]) => (
              <Row
                key={o}
                label={outputLabel(o, graph, props.nodeId, lang)}
                value={hasGoal ? `${c(v.friends)} · CV ${percent(v.converted, v.friends)}` : c(v.friends)}
              />
            ))}
          </dl>
        </>
      ) : null}
      {props.canSeeFriends ? (
        <FriendList
          scenarioId={props.scenarioId}
          nodeId={props.nodeId}
          lang={lang}
          query={props.query}
          showBlocked={node?.kind === 'send'}
          showConverted={hasGoal}
        />
      ) : null}
    </div>
  );
}
