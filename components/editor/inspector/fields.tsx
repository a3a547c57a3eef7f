'use client';
// Small form controls shared by the inspector forms, each showing the core's problems for its place.
import type { ReactNode } from 'react';
import type { ValidationIssue } from '@/scenario/validate';
import { useEditor } from '../editor-context';

export const inputClass =
  'w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-line focus:outline-none focus:ring-1 focus:ring-line';

/** This node's issues whose path (below `data`) starts with `sub`. */
export function useIssuesAt(nodeId: string, sub: (string | number)[]): ValidationIssue[] {
  const issues = useEditor((s) => s.issuesByNode.get(nodeId));
  return (issues ?? []).filter((i) => {
    const d = i.path.indexOf('data');
    if (d < 0 || i.path[0] !== 'nodes') return false;
    const rest = i.path.slice(d + 1);
    return sub.every((p, k) => rest[k] === p);
  });
}

export function IssueText({ issues }: { issues: readonly ValidationIssue[] }) {
  const lang = useEditor((s) => s.lang);
  if (issues.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-rose-700">
      {issues.map((i, k) => (
        <li key={k}>{lang === 'ja' ? (i.messageJa ?? i.message) : i.message}</li>
      ))}
    </ul>
  );
}

export function Field({
  label,
  children,
  issues = [],
  hint,
}: {
  label: string;
  children: ReactNode;
  issues?: readonly ValidationIssue[];
  hint?: ReactNode;
}) {
  return (
    <label className="block">
      <span className="mb-0.5 block text-xs font-medium text-slate-600">{label}</span>
      {children}
      {hint && <span className="mt-0.5 block text-[11px] text-slate-500">{hint}</span>}
      <IssueText issues={issues} />
    </label>
  );
}

export function TextInput(props: {
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  testId?: string;
  type?: 'text' | 'time' | 'date' | 'datetime-local' | 'url';
}) {
  return (
    <input
      type={props.type ?? 'text'}
      className={inputClass}
      value={props.value}
      placeholder={props.placeholder}
      data-testid={props.testId}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}

export function NumberInput(props: {
  value: number;
  onChange: (v: number) => void;
  min?: number;
  max?: number;
  step?: number;
  testId?: string;
}) {
  return (
    <input
      type="number"
      className={inputClass}
      value={Number.isFinite(props.value) ? props.value : ''}
      min={props.min}
      max={props.max}
      step={props.step ?? 1}
      data-testid={props.testId}
      onChange={(e) => props.onChange(e.target.value === '' ? 0 : Number(e.target.value))}
    />
  );
}

export function Select<V extends string>(props: {
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (v: V) => void;
  testId?: string;
}) {
  return (
    <select
      className={inputClass}
      value={props.value}
      data-testid={props.testId}
      onChange={(e) => {
        const o = props.options.find((x) => x.value === e.target.value);
        if (o) props.onChange(o.value);
      }}
    >
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function Check({
  label,
  checked,
  onChange,
  testId,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  testId?: string;
}) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" checked={checked} data-testid={testId} onChange={(e) => onChange(e.target.checked)} className="accent-line" />
      {label}
    </label>
  );
}

/** For a `<fieldset disabled>` around a read-only form: its inputs look inert, not merely refuse typing. */
export const READ_ONLY_FIELDSET =
  '[&_:is(input,select,textarea):disabled]:bg-slate-50 [&_:is(input,select,textarea):disabled]:text-slate-600';

export function SmallButton({
  children,
  onClick,
  testId,
  tone = 'plain',
}: {
  children: ReactNode;
  onClick: () => void;
  testId?: string;
  tone?: 'plain' | 'danger';
}) {
  const colour = tone === 'danger' ? 'text-rose-700 hover:bg-rose-50' : 'text-slate-700 hover:bg-slate-100';
  return (
    <button
      type="button"
      onClick={onClick}
      data-testid={testId}
      // Add and remove buttons are edits: inside a disabled (read-only) fieldset they are not shown at all.
      className={`rounded border border-slate-200 px-2 py-0.5 text-xs ${colour} [fieldset:disabled_&]:hidden`}
    >
      {children}
    </button>
  );
}
