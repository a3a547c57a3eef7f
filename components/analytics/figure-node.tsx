'use client';
// One step on the analytics canvas: its title and summary, with reached / waiting / CV and, for sends, sent and clicks.
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { percent } from '@/lib/analytics/format';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { NODE_WIDTH, type FigureNode } from './flow-view';

function Figure({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className="flex flex-col items-center leading-tight">
      <span className={`tabular-nums ${strong ? 'text-base font-semibold text-slate-900' : 'text-sm text-slate-800'}`}>{value}</span>
      <span className="text-[10px] text-slate-500">{label}</span>
    </div>
  );
}

export function makeFigureNode(lang: Lang) {
  return memo(function FigureNodeView({ data, selected }: NodeProps<FigureNode>) {
    const f = data.figures;
    const n = (v: number) => v.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US');
    return (
      <div
        data-testid={`analytics-node-${data.nodeId}`}
        style={{ width: NODE_WIDTH, borderColor: data.colour }}
        className={`cursor-pointer rounded-lg border-[3px] bg-white px-3 py-2 shadow-sm ${selected ? 'ring-2 ring-sky-500 ring-offset-1' : ''}`}
      >
        <Handle type="target" position={Position.Top} className="!h-1 !w-1 !min-w-0 !border-0 !bg-slate-300" isConnectable={false} />
        <div className="truncate text-sm font-semibold text-slate-800">{data.title}</div>
        <div className="mb-1.5 truncate text-[11px] text-slate-500">{data.summary}</div>
        <div className="grid grid-cols-3 gap-1 border-t border-slate-100 pt-1.5">
          <Figure label={t(lang, 'analytics.entered.short')} value={n(f?.entered ?? 0)} strong />
          <Figure
            label={t(lang, 'analytics.waiting')}
            value={
              f && f.heldNow > 0 ? `${n(f.waitingNow)} (${t(lang, 'timing.analytics.heldShort')} ${n(f.heldNow)})` : n(f?.waitingNow ?? 0)
            }
          />
          <Figure label={t(lang, 'analytics.cvr')} value={data.hasGoal && f ? percent(f.converted ?? 0, f.entered) : '—'} />
        </div>
        {data.kind === 'send' ? (
          <div className="mt-1 grid grid-cols-3 gap-1 border-t border-slate-100 pt-1">
            <Figure label={t(lang, 'analytics.sent')} value={n(f?.sends?.sent ?? 0)} />
            <Figure
              label={t(lang, 'analytics.clickRate.short')}
              value={f?.sends ? percent(f.sends.uniqueClicks, f.sends.sentFriends) : '—'}
            />
            <Figure label={t(lang, 'analytics.blocked.short')} value={n(f?.sends?.blockedAfter ?? 0)} />
          </div>
        ) : null}
        <Handle type="source" position={Position.Bottom} className="!h-1 !w-1 !min-w-0 !border-0 !bg-slate-300" isConnectable={false} />
      </div>
    );
  });
}
