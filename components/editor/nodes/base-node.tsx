'use client';
// The frame every step shares: kind and label, the core's one-line summary, a problem badge, typed output handles.
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type ComponentType } from 'react';
import { NODE_LABELS, summaryOf } from '@/scenario/nodes';
import { ForecastBadge } from '../forecast/forecast-badge';
import { useEditor } from '../editor-context';
import { outputLabel, outputsOfStep, type FlowNode } from '../flow-mapping';
import type { IconProps, KindColours } from './types';

const handleClass = '!h-3.5 !w-3.5 !border-2 !border-white !bg-slate-500 hover:!bg-line';

type KindLook = { colours: KindColours; Icon: ComponentType<IconProps> };

function BaseNodeInner({ id, data, selected, colours, Icon }: NodeProps<FlowNode> & KindLook) {
  const { step, label } = data;
  const lang = useEditor((s) => s.lang);
  const timeZone = useEditor((s) => s.settings.timeZone);
  const attributes = useEditor((s) => s.attributes);
  const issues = useEditor((s) => s.issuesByNode.get(id));
  const lit = useEditor((s) => s.highlight?.nodes.has(id) ?? false);
  const current = useEditor((s) => s.highlight?.current === id);
  const forecast = useEditor((s) => s.forecast?.get(id) ?? null);
  const outputs = outputsOfStep(step);
  const summary = summaryOf(step, lang, { timeZone, attributes });
  const problems = issues?.length ?? 0;
  const ring = selected ? 'ring-2 ring-line' : current ? 'ring-4 ring-sky-400' : lit ? 'ring-2 ring-sky-300' : '';
  return (
    <div
      data-testid={`node-${id}`}
      data-kind={step.kind}
      data-problems={problems}
      className={`w-60 rounded-lg border bg-white text-left shadow-sm ${problems > 0 ? 'border-rose-300' : 'border-slate-200'} ${ring}`}
    >
      {step.kind !== 'trigger' && <Handle type="target" position={Position.Top} className={handleClass} data-testid={`handle-${id}-in`} />}
      <div className={`flex items-center gap-2 rounded-t-lg px-3 py-1.5 text-xs font-semibold text-white ${colours.bar}`}>
        <Icon className="h-3.5 w-3.5 shrink-0" />
        <span className="truncate">{label ? `${label}` : NODE_LABELS[step.kind][lang]}</span>
        {label && <span className="truncate font-normal opacity-80">· {NODE_LABELS[step.kind][lang]}</span>}
        {problems > 0 && (
          <span
            data-testid={`issues-${id}`}
            data-count={problems}
            title={issues?.map((i) => (lang === 'ja' ? (i.messageJa ?? i.message) : i.message)).join('\n')}
            className="ml-auto rounded-full bg-rose-600 px-1.5 text-[10px] leading-4 text-white ring-1 ring-white"
          >
            ! {problems}
          </span>
        )}
      </div>
      <div className="px-3 py-2 text-sm leading-snug text-slate-800" data-testid={`summary-${id}`}>
        {summary}
      </div>
      {forecast && <ForecastBadge nodeId={id} range={forecast} lang={lang} />}
      {outputs.length > 1 && (
        <div className="flex justify-around border-t border-slate-100 px-1 pb-2 pt-1 text-[10px] text-slate-500">
          {outputs.map((o) => (
            <span key={o} className="max-w-24 truncate px-1" title={outputLabel(step, o, lang)}>
              {outputLabel(step, o, lang)}
            </span>
          ))}
        </div>
      )}
      {outputs.map((o, i) => (
        <Handle
          key={o}
          id={o}
          type="source"
          position={Position.Bottom}
          className={handleClass}
          style={{ left: `${((i + 0.5) / outputs.length) * 100}%` }}
          data-testid={`handle-${id}-${o}`}
        />
      ))}
    </div>
  );
}

export const BaseNode = memo(BaseNodeInner);
