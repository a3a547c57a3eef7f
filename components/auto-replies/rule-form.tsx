'use client';
// The create/edit form of one keyword rule: match, priority, time windows (JST) and actions. The regular expression is
// checked with RE2 as it is typed; the server refuses the same patterns when saving.
import { useState } from 'react';
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import type { ActionError } from '@/lib/ui-types';
import { regexProblem, regexProblemText, type ActiveWindow, type KeywordRuleInput, type MatchMode } from '@/scenario/keyword-rules';
import type { ActionSpec } from '@/scenario/nodes/action';
import { WEEKDAY_EN, WEEKDAY_JA, type Weekday } from '@/scenario/time';

export interface RuleFormChoices {
  templates: { id: string; name: string }[];
  scenarios: { id: string; name: string }[];
  attributes: { key: string; label: string; type: string }[];
}

const input = 'w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm';
const split = (s: string) =>
  s
    .split(/[,、]/)
    .map((x) => x.trim())
    .filter(Boolean);

export function blankRule(priority: number): KeywordRuleInput {
  return {
    name: '',
    priority,
    active: true,
    match: { mode: 'contains', pattern: '', caseSensitive: false },
    windows: [],
    timeZone: 'Asia/Tokyo',
    actions: { reply: { type: 'text', text: '' }, friend: [], startScenarioId: null },
  };
}

/** An error message in the operator's language: the regex reason and the missing action have their own words. */
export function describeSaveError(lang: Lang, error: ActionError): string {
  const regex = error.issues.find((i) => i.message.startsWith('invalid_regex: '));
  if (regex)
    return t(lang, 'autoReplies.error.invalidRegex').replace(
      '{reason}',
      regexProblemText(regex.message.slice('invalid_regex: '.length), lang),
    );
  if (error.issues.some((i) => i.message.startsWith('no_action'))) return t(lang, 'autoReplies.error.noAction');
  const detail = error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' / ') || error.message;
  return t(lang, 'autoReplies.error.generic').replace('{message}', detail);
}

export function RuleForm(props: {
  lang: Lang;
  initial: KeywordRuleInput;
  choices: RuleFormChoices;
  error: string | null;
  busy: boolean;
  onSave: (rule: KeywordRuleInput) => void;
  onCancel: () => void;
}) {
  const { lang, choices } = props;
  const w = (key: MessageKey) => t(lang, key);
  const [rule, setRule] = useState<KeywordRuleInput>(props.initial);
  const tagsOf = (type: 'add_tag' | 'remove_tag') => rule.actions.friend.flatMap((a) => (a.type === type ? [a.tag] : [])).join(', ');
  const [addTags, setAddTags] = useState(tagsOf('add_tag'));
  const [removeTags, setRemoveTags] = useState(tagsOf('remove_tag'));
  const initialSet = rule.actions.friend.find((a) => a.type === 'set_attribute');
  const [attrKey, setAttrKey] = useState(initialSet?.type === 'set_attribute' ? initialSet.key : '');
  const [attrValue, setAttrValue] = useState(initialSet?.type === 'set_attribute' ? String(initialSet.value ?? '') : '');
  const problem = rule.match.mode === 'regex' && rule.match.pattern ? regexProblem(rule.match.pattern) : null;
  const days = lang === 'ja' ? WEEKDAY_JA : WEEKDAY_EN;
  const setWindow = (i: number, win: ActiveWindow) => setRule({ ...rule, windows: rule.windows.map((x, j) => (j === i ? win : x)) });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const attr = choices.attributes.find((a) => a.key === attrKey);
    const value = attr?.type === 'number' ? Number(attrValue) : attr?.type === 'boolean' ? attrValue === 'true' : attrValue;
    const friend: ActionSpec[] = [
      ...split(addTags).map((tag) => ({ type: 'add_tag' as const, tag })),
      ...split(removeTags).map((tag) => ({ type: 'remove_tag' as const, tag })),
      ...(attr ? [{ type: 'set_attribute' as const, key: attr.key, value }] : []),
    ];
    props.onSave({ ...rule, actions: { ...rule.actions, friend } });
  }

  const reply = rule.actions.reply;
  const setReply = (r: KeywordRuleInput['actions']['reply']) => setRule({ ...rule, actions: { ...rule.actions, reply: r } });
  return (
    <form onSubmit={submit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5" data-testid="auto-reply-form">
      <div className="grid grid-cols-[1fr_10rem] gap-3">
        <label className="block text-sm">
          <span className="mb-1 block font-medium">{w('autoReplies.form.name')}</span>
          <input className={input} value={rule.name} data-testid="rule-name" onChange={(e) => setRule({ ...rule, name: e.target.value })} />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">{w('autoReplies.form.priority')}</span>
          <input
            className={input}
            type="number"
            min={0}
            value={rule.priority}
            data-testid="rule-priority"
            onChange={(e) => setRule({ ...rule, priority: Number(e.target.value) })}
          />
        </label>
      </div>
      <div className="grid grid-cols-[12rem_1fr] gap-3">
        <label className="block text-sm">
          <span className="mb-1 block font-medium">{w('autoReplies.form.mode')}</span>
          <select
            className={input}
            value={rule.match.mode}
            data-testid="rule-mode"
            onChange={(e) => setRule({ ...rule, match: { ...rule.match, mode: e.target.value as MatchMode } })}
          >
            {(['exact', 'contains', 'regex'] as const).map((m) => (
              <option key={m} value={m}>
                {w(`autoReplies.mode.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">{w('autoReplies.form.pattern')}</span>
          <input
            className={input}
            value={rule.match.pattern}
            data-testid="rule-pattern"
            onChange={(e) => setRule({ ...rule, match: { ...rule.match, pattern: e.target.value } })}
          />
          <span className={`mt-1 block text-xs ${problem ? 'text-red-700' : 'text-slate-500'}`} data-testid="rule-pattern-hint">
            {problem
              ? w('autoReplies.error.invalidRegex').replace('{reason}', regexProblemText(problem, lang))
              : w('autoReplies.form.patternHelp')}
          </span>
        </label>
      </div>
      <div className="flex gap-6 text-sm">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={rule.match.caseSensitive}
            onChange={(e) => setRule({ ...rule, match: { ...rule.match, caseSensitive: e.target.checked } })}
          />
          {w('autoReplies.form.caseSensitive')}
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={rule.active} onChange={(e) => setRule({ ...rule, active: e.target.checked })} />
          {w('autoReplies.form.active')}
        </label>
      </div>
      <fieldset className="space-y-2 text-sm">
        <legend className="mb-1 font-medium">{w('autoReplies.form.windows')}</legend>
        {rule.windows.map((win, i) => (
          <div key={i} className="flex flex-wrap items-center gap-2" data-testid={`rule-window-${i}`}>
            {([1, 2, 3, 4, 5, 6, 7] as Weekday[]).map((d) => (
              <label key={d} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={win.days.includes(d)}
                  onChange={(e) =>
                    setWindow(i, { ...win, days: e.target.checked ? [...win.days, d].sort() : win.days.filter((x) => x !== d) })
                  }
                />
                {days[d - 1]}
              </label>
            ))}
            <span>{w('autoReplies.form.from')}</span>
            <input
              type="time"
              className="rounded border border-slate-300 px-1"
              value={win.from}
              onChange={(e) => setWindow(i, { ...win, from: e.target.value })}
            />
            <span>{w('autoReplies.form.to')}</span>
            <input
              type="time"
              className="rounded border border-slate-300 px-1"
              value={win.to}
              onChange={(e) => setWindow(i, { ...win, to: e.target.value })}
            />
            <button
              type="button"
              className="text-xs text-slate-500 underline"
              onClick={() => setRule({ ...rule, windows: rule.windows.filter((_, j) => j !== i) })}
            >
              {w('autoReplies.form.removeWindow')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="text-xs text-line-dark underline"
          onClick={() => setRule({ ...rule, windows: [...rule.windows, { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }] })}
        >
          {w('autoReplies.form.addWindow')}
        </button>
        <p className="text-xs text-slate-500">{w('autoReplies.form.overnight')}</p>
      </fieldset>
      <fieldset className="space-y-2 text-sm">
        <legend className="mb-1 font-medium">{w('autoReplies.form.reply')}</legend>
        <select
          className={`${input} max-w-xs`}
          value={reply?.type ?? 'none'}
          data-testid="rule-reply-type"
          onChange={(e) => {
            const v = e.target.value;
            setReply(
              v === 'text'
                ? { type: 'text', text: '' }
                : v === 'template'
                  ? { type: 'template', templateId: choices.templates[0]?.id ?? '' }
                  : null,
            );
          }}
        >
          <option value="none">{w('autoReplies.reply.none')}</option>
          <option value="text">{w('autoReplies.reply.text')}</option>
          {choices.templates.length > 0 ? <option value="template">{w('autoReplies.reply.template')}</option> : null}
        </select>
        {reply?.type === 'text' ? (
          <textarea
            className={input}
            rows={3}
            value={reply.text}
            data-testid="rule-reply-text"
            aria-label={w('autoReplies.form.replyText')}
            onChange={(e) => setReply({ type: 'text', text: e.target.value })}
          />
        ) : null}
        {reply?.type === 'template' ? (
          <select
            className={`${input} max-w-xs`}
            value={reply.templateId}
            aria-label={w('autoReplies.form.template')}
            onChange={(e) => setReply({ type: 'template', templateId: e.target.value })}
          >
            {choices.templates.map((tp) => (
              <option key={tp.id} value={tp.id}>
                {tp.name}
              </option>
            ))}
          </select>
        ) : null}
      </fieldset>
      <div className="grid grid-cols-2 gap-3 text-sm">
        <label className="block">
          <span className="mb-1 block font-medium">{w('autoReplies.form.addTags')}</span>
          <input className={input} value={addTags} data-testid="rule-add-tags" onChange={(e) => setAddTags(e.target.value)} />
        </label>
        <label className="block">
          <span className="mb-1 block font-medium">{w('autoReplies.form.removeTags')}</span>
          <input className={input} value={removeTags} onChange={(e) => setRemoveTags(e.target.value)} />
        </label>
        <label className="block">
          <span className="mb-1 block font-medium">{w('autoReplies.form.setAttribute')}</span>
          <div className="flex gap-2">
            <select className={input} value={attrKey} onChange={(e) => setAttrKey(e.target.value)}>
              <option value="">{w('autoReplies.form.attributeNone')}</option>
              {choices.attributes.map((a) => (
                <option key={a.key} value={a.key}>
                  {a.label}
                </option>
              ))}
            </select>
            {attrKey ? (
              <input
                className={input}
                value={attrValue}
                aria-label={w('autoReplies.form.attributeValue')}
                onChange={(e) => setAttrValue(e.target.value)}
              />
            ) : null}
          </div>
        </label>
        <label className="block">
          <span className="mb-1 block font-medium">{w('autoReplies.form.startScenario')}</span>
          <select
            className={input}
            value={rule.actions.startScenarioId ?? ''}
            onChange={(e) => setRule({ ...rule, actions: { ...rule.actions, startScenarioId: e.target.value || null } })}
          >
            <option value="">{w('autoReplies.form.scenarioNone')}</option>
            {choices.scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {props.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="rule-error">
          {props.error}
        </p>
      ) : null}
      <div className="flex gap-3">
        <button
          type="submit"
          disabled={props.busy}
          className="rounded-md bg-line px-4 py-2 text-sm font-medium text-white hover:bg-line-dark disabled:opacity-50"
          data-testid="rule-save"
        >
          {w('autoReplies.form.save')}
        </button>
        <button type="button" onClick={props.onCancel} className="rounded-md border border-slate-300 px-4 py-2 text-sm">
          {w('autoReplies.form.cancel')}
        </button>
      </div>
    </form>
  );
}
