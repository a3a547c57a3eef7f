'use client';
// Condition builder: "all / any of" rows over friend fields, tags, LINE ID link, days since added and event counts.
import type { ComparisonOp } from '@/scenario/comparison';
import type { AttributeDefinition, Condition } from '@/scenario/schema';
import { describeCondition } from '@/scenario/conditions';
import { useEditor, useT } from '../editor-context';
import { UndefinedAttribute } from './define-attribute';
import { NumberInput, Select, SmallButton, TextInput, inputClass } from './fields';

type Leaf = Exclude<Condition, { type: 'all' | 'any' | 'not' }>;
type NumericOp = 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte';
const NUMERIC: readonly NumericOp[] = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte'];
const SYMBOL: Record<ComparisonOp, string> = {
  eq: '=',
  neq: '≠',
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  in: '∈',
  contains: '∋',
  exists: '∃',
};

function opsFor(def: AttributeDefinition | undefined): ComparisonOp[] {
  switch (def?.type) {
    case 'number':
    case 'date':
      return [...NUMERIC, 'exists'];
    case 'boolean':
      return ['eq', 'neq', 'exists'];
    case 'enum':
      return ['eq', 'neq', 'in', 'exists'];
    default:
      return ['eq', 'neq', 'contains', 'in', 'exists'];
  }
}

/** A group to edit: a lone predicate is shown as a group of one and saved back as itself, so summaries stay short. */
function asGroup(c: Condition): { type: 'all' | 'any'; conditions: Condition[] } {
  return c.type === 'all' || c.type === 'any' ? c : { type: 'all', conditions: [c] };
}
function fromGroup(g: { type: 'all' | 'any'; conditions: Condition[] }): Condition {
  return g.conditions.length === 1 && g.conditions[0] ? g.conditions[0] : g;
}

function newLeaf(kind: Leaf['type'], attrs: readonly AttributeDefinition[]): Leaf {
  switch (kind) {
    case 'attribute':
      return { type: 'attribute', key: attrs[0]?.key ?? 'rank', op: 'eq', value: '' };
    case 'tag':
      return { type: 'tag', tag: '', has: true };
    case 'linked':
      return { type: 'linked', linked: true };
    case 'days_since_added':
      return { type: 'days_since_added', op: 'gte', days: 7 };
    case 'event_count':
      return { type: 'event_count', eventName: 'purchase', filter: [], op: 'eq', count: 0, withinDays: 7 };
    case 'inflow_route':
      return { type: 'inflow_route', routeCode: '', is: true };
  }
}

function ValueInput({
  def,
  value,
  onChange,
  testId,
}: {
  def: AttributeDefinition | undefined;
  value: unknown;
  onChange: (v: string | number | boolean | (string | number)[]) => void;
  testId?: string;
}) {
  const text = Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value);
  if (def?.type === 'number')
    return <NumberInput value={typeof value === 'number' ? value : Number(text)} onChange={onChange} testId={testId} />;
  if (def?.type === 'boolean')
    return (
      <Select
        value={text === 'false' ? 'false' : 'true'}
        options={[
          { value: 'true', label: 'true' },
          { value: 'false', label: 'false' },
        ]}
        onChange={(v) => onChange(v === 'true')}
        testId={testId}
      />
    );
  if (def?.type === 'enum' && !Array.isArray(value)) {
    const opts = [...new Set([text, ...(def.options ?? [])])].map((o) => ({ value: o, label: o || '—' }));
    return <Select value={text} options={opts} onChange={onChange} testId={testId} />;
  }
  if (def?.type === 'date') return <TextInput type="date" value={text} onChange={onChange} testId={testId} />;
  return (
    <TextInput
      value={text}
      onChange={(v) =>
        onChange(
          Array.isArray(value)
            ? v
                .split(',')
                .map((x) => x.trim())
                .filter(Boolean)
            : v,
        )
      }
      testId={testId}
    />
  );
}

function LeafRow({ leaf, onChange, testId }: { leaf: Leaf; onChange: (l: Leaf) => void; testId: string }) {
  const t = useT();
  const attrs = useEditor((s) => s.attributes);
  switch (leaf.type) {
    case 'attribute': {
      const def = attrs.find((a) => a.key === leaf.key);
      const keys = [...new Set([leaf.key, ...attrs.map((a) => a.key)])];
      return (
        <div>
          <div className="grid grid-cols-[1fr_4rem_1fr] gap-1">
            <Select
              value={leaf.key}
              options={keys.map((k) => ({ value: k, label: attrs.find((a) => a.key === k)?.label ?? k }))}
              onChange={(key) => onChange({ ...leaf, key })}
              testId={`${testId}-key`}
            />
            <Select
              value={leaf.op}
              options={opsFor(def).map((o) => ({ value: o, label: SYMBOL[o] }))}
              onChange={(op) =>
                onChange(
                  op === 'exists'
                    ? { type: 'attribute', key: leaf.key, op }
                    : { ...leaf, op, value: op === 'in' ? [] : Array.isArray(leaf.value) ? '' : (leaf.value ?? '') },
                )
              }
              testId={`${testId}-op`}
            />
            {leaf.op === 'exists' ? (
              <span />
            ) : (
              <ValueInput def={def} value={leaf.value} onChange={(value) => onChange({ ...leaf, value })} testId={`${testId}-value`} />
            )}
          </div>
          {!def && leaf.key !== '' && <UndefinedAttribute attrKey={leaf.key} used={leaf.value} testId={testId} />}
        </div>
      );
    }
    case 'tag':
      return (
        <div className="grid grid-cols-[6rem_1fr] gap-1">
          <Select
            value={leaf.has ? 'has' : 'not'}
            options={[
              { value: 'has', label: t('editor.cond.hasTag') },
              { value: 'not', label: t('editor.cond.noTag') },
            ]}
            onChange={(v) => onChange({ ...leaf, has: v === 'has' })}
          />
          <TextInput
            value={leaf.tag}
            placeholder={t('editor.cond.tagName')}
            onChange={(tag) => onChange({ ...leaf, tag })}
            testId={`${testId}-tag`}
          />
        </div>
      );
    case 'linked':
      return (
        <Select
          value={leaf.linked ? 'yes' : 'no'}
          options={[
            { value: 'yes', label: t('editor.cond.linkedYes') },
            { value: 'no', label: t('editor.cond.linkedNo') },
          ]}
          onChange={(v) => onChange({ ...leaf, linked: v === 'yes' })}
        />
      );
    case 'days_since_added':
      return (
        <div className="grid grid-cols-[4rem_1fr] gap-1">
          <Select
            value={leaf.op}
            options={NUMERIC.map((o) => ({ value: o, label: SYMBOL[o] }))}
            onChange={(op) => onChange({ ...leaf, op })}
          />
          <NumberInput value={leaf.days} min={0} onChange={(days) => onChange({ ...leaf, days })} />
        </div>
      );
    case 'event_count':
      return (
        <div className="grid grid-cols-2 gap-1">
          <TextInput value={leaf.eventName} placeholder="purchase" onChange={(eventName) => onChange({ ...leaf, eventName })} />
          <label className="flex items-center gap-1 text-xs text-slate-600">
            {t('editor.cond.withinDays')}
            <input
              className={inputClass}
              type="number"
              min={1}
              value={leaf.withinDays ?? ''}
              onChange={(e) => {
                const { withinDays: _w, ...rest } = leaf;
                onChange(e.target.value === '' ? rest : { ...rest, withinDays: Math.max(1, Number(e.target.value)) });
              }}
            />
          </label>
          <Select
            value={leaf.op}
            options={NUMERIC.map((o) => ({ value: o, label: `${t('editor.cond.count')} ${SYMBOL[o]}` }))}
            onChange={(op) => onChange({ ...leaf, op })}
          />
          <NumberInput value={leaf.count} min={0} onChange={(count) => onChange({ ...leaf, count })} />
        </div>
      );
    case 'inflow_route':
      return (
        <div className="grid grid-cols-[6rem_1fr] gap-1">
          <Select
            value={leaf.is ? 'is' : 'not'}
            options={[
              { value: 'is', label: t('inflow.cond.came') },
              { value: 'not', label: t('inflow.cond.didNotCome') },
            ]}
            onChange={(v) => onChange({ ...leaf, is: v === 'is' })}
          />
          <TextInput
            value={leaf.routeCode}
            placeholder={t('inflow.cond.anyRoute')}
            onChange={(routeCode) => onChange({ ...leaf, routeCode: routeCode.trim() })}
            testId={`${testId}-route`}
          />
        </div>
      );
  }
}

export function ConditionBuilder({ value, onChange, testId }: { value: Condition; onChange: (c: Condition) => void; testId: string }) {
  const t = useT();
  const lang = useEditor((s) => s.lang);
  const attrs = useEditor((s) => s.attributes);
  const group = asGroup(value);
  const setRows = (conditions: Condition[]) => onChange(fromGroup({ type: group.type, conditions }));
  const kinds: { value: Leaf['type']; label: string }[] = [
    { value: 'attribute', label: t('editor.cond.attribute') },
    { value: 'tag', label: t('editor.cond.tag') },
    { value: 'linked', label: t('editor.cond.linked') },
    { value: 'days_since_added', label: t('editor.cond.daysSinceAdded') },
    { value: 'event_count', label: t('editor.cond.eventCount') },
    { value: 'inflow_route', label: t('inflow.cond.route') },
  ];
  return (
    <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-2" data-testid={testId}>
      {group.conditions.length > 1 && (
        <Select
          value={group.type}
          options={[
            { value: 'all', label: t('editor.cond.all') },
            { value: 'any', label: t('editor.cond.any') },
          ]}
          onChange={(type) => onChange({ type, conditions: group.conditions })}
        />
      )}
      {group.conditions.map((c, i) => (
        <div key={i} className="space-y-1 rounded border border-slate-200 bg-white p-1.5">
          {c.type === 'all' || c.type === 'any' || c.type === 'not' ? (
            <div className="text-xs text-slate-600">{describeCondition(c, lang)}</div>
          ) : (
            <>
              <div className="flex items-center gap-1">
                <div className="flex-1">
                  <Select
                    value={c.type}
                    options={kinds}
                    onChange={(k) => setRows(group.conditions.map((x, j) => (j === i ? newLeaf(k, attrs) : x)))}
                    testId={`${testId}-${i}-kind`}
                  />
                </div>
                <SmallButton tone="danger" onClick={() => setRows(group.conditions.filter((_, j) => j !== i))}>
                  ×
                </SmallButton>
              </div>
              <LeafRow leaf={c} onChange={(l) => setRows(group.conditions.map((x, j) => (j === i ? l : x)))} testId={`${testId}-${i}`} />
            </>
          )}
        </div>
      ))}
      <SmallButton onClick={() => setRows([...group.conditions, newLeaf('attribute', attrs)])} testId={`${testId}-add`}>
        + {t('editor.cond.add')}
      </SmallButton>
    </div>
  );
}
