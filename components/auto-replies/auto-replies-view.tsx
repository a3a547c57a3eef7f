'use client';
// The 自動応答 page body: rules in the order they are tried (hits, on/off, edit, delete), the rule form, and the
// "try a message" box, which runs the core's matcher over the saved rules at the current time (nothing is sent).
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import type { ActionResult } from '@/lib/ui-types';
import { describeMatch, evaluateRules, orderRules, type KeywordRule, type KeywordRuleInput } from '@/scenario/keyword-rules';
import { WEEKDAY_EN, WEEKDAY_JA } from '@/scenario/time';
import { blankRule, describeSaveError, RuleForm, type RuleFormChoices } from './rule-form';

type Row = KeywordRule & { hits: { total: number; recent: number } };

export interface AutoReplyActions {
  save: (input: { id: string | null; rule: unknown }) => Promise<ActionResult<{ id: string }>>;
  setActive: (id: string, active: boolean) => Promise<ActionResult>;
  remove: (id: string) => Promise<ActionResult>;
}

function describeWindows(lang: Lang, r: KeywordRule): string {
  if (r.windows.length === 0) return t(lang, 'autoReplies.always');
  const days = lang === 'ja' ? WEEKDAY_JA : WEEKDAY_EN;
  return r.windows.map((w) => `${w.days.map((d) => days[d - 1]).join(lang === 'ja' ? '' : ' ')} ${w.from}–${w.to}`).join(', ');
}

const clip = (s: string) => (s.length > 24 ? `${s.slice(0, 24)}…` : s);

function describeActions(lang: Lang, r: KeywordRule, scenarios: RuleFormChoices['scenarios']): string {
  const parts: string[] = [];
  if (r.actions.reply?.type === 'text') parts.push(`${t(lang, 'autoReplies.action.reply')}「${clip(r.actions.reply.text)}」`);
  if (r.actions.reply?.type === 'template') parts.push(t(lang, 'autoReplies.action.template'));
  for (const a of r.actions.friend) {
    if (a.type === 'add_tag') parts.push(lang === 'ja' ? `タグ「${a.tag}」を追加` : `add tag ${a.tag}`);
    if (a.type === 'remove_tag') parts.push(lang === 'ja' ? `タグ「${a.tag}」を外す` : `remove tag ${a.tag}`);
    if (a.type === 'set_attribute') parts.push(`${a.key} = ${String(a.value)}`);
  }
  if (r.actions.startScenarioId) {
    const name = scenarios.find((s) => s.id === r.actions.startScenarioId)?.name ?? '?';
    parts.push(`${t(lang, 'autoReplies.action.scenario')}「${name}」`);
  }
  return parts.join(' · ');
}

export function AutoRepliesView(props: {
  lang: Lang;
  data: RuleFormChoices & { rules: Row[] };
  canEdit: boolean;
  actions: AutoReplyActions;
}) {
  const { lang, data, canEdit, actions } = props;
  const w = (key: MessageKey) => t(lang, key);
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const [editing, setEditing] = useState<{ id: string | null; rule: KeywordRuleInput } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sample, setSample] = useState('');
  const rules = orderRules(data.rules);
  const trial = sample.trim() ? evaluateRules(rules, sample, Date.now()) : null;

  const run = (fn: () => Promise<ActionResult<object>>, after?: () => void) =>
    startTransition(async () => {
      const r = await fn();
      if (!r.ok) return setError(describeSaveError(lang, r.error));
      setError(null);
      after?.();
      router.refresh();
    });

  return (
    <div className="space-y-6">
      {canEdit && !editing ? (
        <button
          type="button"
          className="rounded-md bg-line px-4 py-2 text-sm font-medium text-white hover:bg-line-dark"
          data-testid="auto-reply-new"
          onClick={() => setEditing({ id: null, rule: blankRule((rules.at(-1)?.priority ?? 0) + 10) })}
        >
          {w('autoReplies.new')}
        </button>
      ) : null}
      {editing ? (
        <div>
          <h2 className="mb-2 text-lg font-semibold">{w(editing.id ? 'autoReplies.form.titleEdit' : 'autoReplies.form.titleNew')}</h2>
          <RuleForm
            key={editing.id ?? 'new'}
            lang={lang}
            initial={editing.rule}
            choices={data}
            error={error}
            busy={busy}
            onCancel={() => {
              setEditing(null);
              setError(null);
            }}
            onSave={(rule) =>
              run(
                () => actions.save({ id: editing.id, rule }),
                () => setEditing(null),
              )
            }
          />
        </div>
      ) : error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {rules.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">{w('autoReplies.empty')}</p>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="auto-reply-table">
          <thead className="bg-slate-50 text-left text-xs text-slate-500">
            <tr>
              {(['priority', 'name', 'match', 'when', 'actions', 'hits', 'active'] as const).map((c) => (
                <th key={c} className="px-3 py-2 font-medium">
                  {w(`autoReplies.col.${c}`)}
                </th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 align-top" data-testid={`auto-reply-row-${r.name}`}>
                <td className="px-3 py-2 tabular-nums">{r.priority}</td>
                <td className="px-3 py-2 font-medium">{r.name}</td>
                <td className="px-3 py-2">{describeMatch(r.match, lang)}</td>
                <td className="px-3 py-2 text-slate-600">{describeWindows(lang, r)}</td>
                <td className="px-3 py-2 text-slate-600">{describeActions(lang, r, data.scenarios)}</td>
                <td className="px-3 py-2 tabular-nums" data-testid="auto-reply-hits">
                  {w('autoReplies.hits').replace('{total}', String(r.hits.total)).replace('{recent}', String(r.hits.recent))}
                </td>
                <td className="px-3 py-2">
                  <label className="flex items-center gap-1">
                    <input
                      type="checkbox"
                      checked={r.active}
                      disabled={!canEdit || busy}
                      data-testid="auto-reply-active"
                      onChange={(e) => run(() => actions.setActive(r.id, e.target.checked))}
                    />
                    {w(r.active ? 'autoReplies.on' : 'autoReplies.off')}
                  </label>
                </td>
                <td className="space-x-2 whitespace-nowrap px-3 py-2 text-xs">
                  {canEdit ? (
                    <>
                      <button type="button" className="underline" onClick={() => setEditing({ id: r.id, rule: r })}>
                        {w('autoReplies.edit')}
                      </button>
                      <button
                        type="button"
                        className="text-red-700 underline"
                        onClick={() => {
                          if (window.confirm(w('autoReplies.deleteConfirm'))) run(() => actions.remove(r.id));
                        }}
                      >
                        {w('autoReplies.delete')}
                      </button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid="auto-reply-try">
        <h2 className="text-lg font-semibold">{w('autoReplies.try.title')}</h2>
        <p className="mb-3 text-sm text-slate-600">{w('autoReplies.try.help')}</p>
        <input
          className="w-full max-w-md rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          value={sample}
          placeholder={w('autoReplies.try.placeholder')}
          aria-label={w('autoReplies.try.title')}
          data-testid="auto-reply-try-input"
          onChange={(e) => setSample(e.target.value)}
        />
        {trial ? (
          <div className="mt-3 text-sm" data-testid="auto-reply-try-result">
            <p className={`mb-2 font-medium ${trial.fired ? 'text-line-dark' : 'text-slate-600'}`}>
              {trial.fired ? w('autoReplies.try.fired').replace('{name}', trial.fired.name) : w('autoReplies.try.none')}
            </p>
            <ul className="space-y-1">
              {trial.verdicts.map((v) => (
                <li
                  key={v.rule.id}
                  data-testid={`try-verdict-${v.rule.name}`}
                  className={v.verdict === 'fired' ? 'font-medium text-line-dark' : 'text-slate-500'}
                >
                  {v.rule.priority} · {v.rule.name}: {w(`autoReplies.verdict.${v.verdict}`)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
    </div>
  );
}
