// Question node: asks with quick-reply buttons or a buttons template, waits for the answer, branches by choice ('other', 'timeout') and saves it.
import { z } from 'zod';
import { AttributeKeySchema, AttributeTypeSchema, type AttributeValue, type FriendEvent } from '../friend';
import { graphemeLength, LINE_LIMITS, utf16Length } from '../line-limits';
import type { LineMessage } from '../messages';
import { IdSchema } from '../primitives';
import { formatLocal } from '../time';
import type { ActionSpec } from './action';
import { defineNode } from './define-node';
import type { NodeIssue } from './types';
import { CLOCK_WAIT_CODES, checkWait, describeWait, waitAlwaysTakesTime, waitUntil } from './wait';
import { EventTimeoutSchema } from './wait-for-event';

export const MAX_CHOICES = 13;
export const MAX_CHOICE_LABEL = 20;
export const MAX_REASKS = 5;
export const FREE_TEXT_FORMATS = ['free', 'number', 'email', 'phone', 'date'] as const;
/** How the choices are shown: quick-reply buttons under the text (up to 13), or a buttons template card (up to 4). */
export const QUESTION_DISPLAYS = ['quick_reply', 'buttons'] as const;
export type QuestionDisplay = (typeof QUESTION_DISPLAYS)[number];

export const QuestionChoiceSchema = z.object({
  id: IdSchema,
  /** The button's words (LINE allows 20 characters). */
  label: z.string(),
  /** What is stored in the attribute (the label when empty). */
  value: z.string().max(300).default(''),
});
export type QuestionChoice = z.infer<typeof QuestionChoiceSchema>;

export const QuestionDataSchema = z.object({
  text: z.string().min(1).max(5000),
  choices: z.array(QuestionChoiceSchema).max(MAX_CHOICES),
  /** Quick replies when absent (graphs saved before the option). */
  display: z.enum(QUESTION_DISPLAYS).optional(),
  /** The friend's answer saved to this attribute, typed as the attribute definition says (copied by the editor). */
  saveTo: z
    .object({ key: AttributeKeySchema, type: AttributeTypeSchema, options: z.array(z.string()).optional() })
    .nullable()
    .default(null),
  /** Typed answers: accepted in this format (leave by 'other'); an invalid one is asked again up to `maxReasks` times. */
  freeText: z
    .object({
      format: z.enum(FREE_TEXT_FORMATS),
      maxReasks: z.number().int().min(0).max(MAX_REASKS).default(2),
      invalidMessage: z.string().max(5000).default(''),
    })
    .nullable()
    .default(null),
  timeout: EventTimeoutSchema,
});
export type QuestionData = z.infer<typeof QuestionDataSchema>;

export const choiceOutput = (id: string) => `choice:${id}`;

/** The postback data of choice `index` of this question visit (LINE allows 300 characters). */
export function questionPostbackData(runId: string, nodeId: string, visit: number, index: number): string {
  return new URLSearchParams({ kz: 'q', r: runId, n: nodeId, v: String(visit), c: String(index) }).toString();
}

/** The question's message: its text with one postback button per choice, as quick replies or a buttons template. */
export function questionMessage(d: QuestionData, text: string, at: { runId: string; nodeId: string; visit: number }): LineMessage {
  if (d.choices.length === 0) return { type: 'text', text };
  const actions = d.choices.map((c, i) => ({
    type: 'postback' as const,
    label: c.label,
    data: questionPostbackData(at.runId, at.nodeId, at.visit, i),
    displayText: c.label,
  }));
  if (d.display === 'buttons') {
    // Phones that cannot show templates (and notifications) show altText: the question itself, cut to LINE's 400.
    const altText = utf16Length(text) > LINE_LIMITS.altText ? `${text.slice(0, LINE_LIMITS.altText - 1)}…` : text;
    return { type: 'template', altText, template: { type: 'buttons', text, actions } };
  }
  return { type: 'text', text, quickReply: { items: actions.map((action) => ({ type: 'action' as const, action })) } };
}

/** Where an answer event points: the question visit it was given for. */
export type AnswerTarget = { runId: string; nodeId: string; visit: number };

/** What one event means to the question a run is waiting at. */
export type AnswerDecision =
  | { type: 'none' } // not an answer (another event)
  | { type: 'stale'; reason: string } // a button of another (earlier, or someone else's) question: ignored and recorded
  | { type: 'go'; output: string; reason: string; action?: ActionSpec }
  | { type: 'reask'; reason: string };

function fields(e: FriendEvent): Record<string, unknown> | null {
  const f = e.properties.fields;
  return f && typeof f === 'object' && !Array.isArray(f) ? (f as Record<string, unknown>) : null;
}

/** The text of a friend's text message event, or null. */
function messageText(e: FriendEvent): string | null {
  if (e.name !== 'line_message') return null;
  const t = e.properties.text;
  return typeof t === 'string' ? t : null;
}

/**
 * Decides what an event does to the question the run waits at (`at`, re-asked `reasks` times so far). Buttons carry
 * run, node and visit: only the current question's are answers. Plain code, no zod (runs inside the workflow).
 */
export function answerQuestion(d: QuestionData, e: FriendEvent, at: AnswerTarget, reasks: number): AnswerDecision {
  if (e.name === 'postback') {
    const f = fields(e);
    if (f?.kz !== 'q') return { type: 'none' };
    // Another run's button is that run's business (it records it); this run's for another node or visit is stale.
    if (f.r !== at.runId) return { type: 'none' };
    if (f.n !== at.nodeId || f.v !== String(at.visit)) return { type: 'stale', reason: 'a button of another question' };
    const index = Number(f.c);
    const choice = Number.isInteger(index) ? d.choices[index] : undefined;
    if (!choice) return { type: 'stale', reason: 'a choice this question does not have' };
    return withSave(d, { type: 'go', output: choiceOutput(choice.id), reason: `answered ${choice.label}` }, choice.value || choice.label);
  }
  const text = messageText(e);
  if (text === null) return { type: 'none' };
  const trimmed = text.trim();
  const byLabel = d.choices.find((c) => c.label === trimmed);
  if (byLabel)
    return withSave(
      d,
      { type: 'go', output: choiceOutput(byLabel.id), reason: `answered ${byLabel.label}` },
      byLabel.value || byLabel.label,
    );
  if (!d.freeText) return { type: 'go', output: 'other', reason: 'a text that matches no choice' };
  const value = parseFreeText(d.freeText.format, trimmed);
  if (value === null) {
    if (reasks < d.freeText.maxReasks) return { type: 'reask', reason: `not a valid ${d.freeText.format}` };
    return { type: 'go', output: 'other', reason: `not a valid ${d.freeText.format} after ${reasks} re-asks (not saved)` };
  }
  return withSave(d, { type: 'go', output: 'other', reason: 'answered in text' }, value);
}

/** Adds the set-attribute action when the answer fits the attribute's type (else the branch is taken unsaved). */
function withSave(d: QuestionData, go: Extract<AnswerDecision, { type: 'go' }>, raw: string | number): AnswerDecision {
  if (!d.saveTo) return go;
  const value = typedValue(d.saveTo.type, raw, d.saveTo.options);
  if (value === undefined) return { ...go, reason: `${go.reason} (not saved: does not fit ${d.saveTo.type})` };
  return { ...go, action: { type: 'set_attribute', key: d.saveTo.key, value } };
}

/** The answer as the attribute's type, or undefined when it does not fit. */
export function typedValue(
  type: z.infer<typeof AttributeTypeSchema>,
  raw: string | number,
  options?: readonly string[],
): AttributeValue | undefined {
  const s = String(raw).trim();
  switch (type) {
    case 'number': {
      const n = typeof raw === 'number' ? raw : parseNumber(s);
      return n === null ? undefined : n;
    }
    case 'boolean':
      if (/^(true|yes|はい|1)$/i.test(s)) return true;
      if (/^(false|no|いいえ|0)$/i.test(s)) return false;
      return undefined;
    case 'date':
      return parseDate(s) ?? undefined;
    case 'enum':
      return (options ?? []).includes(s) ? s : undefined;
    case 'string':
      return s;
  }
}

function parseNumber(s: string): number | null {
  // Full-width digits are common on Japanese keyboards.
  const half = s.replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[,，]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(half)) return null;
  const n = Number(half);
  return Number.isFinite(n) ? n : null;
}

function parseDate(s: string): string | null {
  const m = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A typed answer in `format`, normalised (number, YYYY-MM-DD, digits-only phone), or null when it is not one. */
export function parseFreeText(format: (typeof FREE_TEXT_FORMATS)[number], s: string): string | number | null {
  if (s === '') return null;
  switch (format) {
    case 'free':
      return s;
    case 'number':
      return parseNumber(s);
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) && s.length <= 254 ? s : null;
    case 'phone': {
      const digits = s.replace(/[\s\-()（）ー−]/g, '').replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
      return /^\+?\d{10,15}$/.test(digits) ? digits : null;
    }
    case 'date':
      return parseDate(s);
  }
}

const FORMAT_LABEL = {
  free: { ja: '自由入力', en: 'free text' },
  number: { ja: '数値', en: 'number' },
  email: { ja: 'メール', en: 'email' },
  phone: { ja: '電話番号', en: 'phone' },
  date: { ja: '日付', en: 'date' },
} as const;

const CODES = {
  question_choice_count: `A question with no choices and no free-text answer, or more than ${MAX_CHOICES} choices.`,
  question_buttons_count: `A buttons-template question with no choice or more than ${LINE_LIMITS.buttonsActions}.`,
  question_buttons_text: `A buttons-template question whose text is over ${LINE_LIMITS.buttonsText} characters.`,
  question_choice_label: `A choice whose label is empty or longer than ${MAX_CHOICE_LABEL} characters, or repeats another's.`,
  question_unknown_attribute: 'The answer is saved to an attribute that is not defined.',
  question_attribute_type: "The saved type differs from the attribute's definition, or a choice's value does not fit it.",
};

function checkQuestion(
  d: QuestionData,
  attributes: readonly { key: string; type: string; options?: string[] | undefined }[] | undefined,
): NodeIssue[] {
  const issues: NodeIssue[] = [];
  if ((d.choices.length === 0 && !d.freeText) || d.choices.length > MAX_CHOICES)
    issues.push({
      code: 'question_choice_count',
      message: `A question needs 1–${MAX_CHOICES} choices (or a free-text answer).`,
      messageJa: `選択肢は1〜${MAX_CHOICES}個必要です（自由入力の場合を除く）。`,
      path: ['choices'],
    });
  if (d.display === 'buttons') {
    if (d.choices.length === 0 || d.choices.length > LINE_LIMITS.buttonsActions)
      issues.push({
        code: 'question_buttons_count',
        message: `A buttons template shows 1–${LINE_LIMITS.buttonsActions} choices; this question has ${d.choices.length}. Use quick replies for more.`,
        messageJa: `ボタン形式の選択肢は1〜${LINE_LIMITS.buttonsActions}個です（現在${d.choices.length}個）。5個以上はクイックリプライにしてください。`,
        path: ['choices'],
      });
    const len = graphemeLength(d.text);
    if (len > LINE_LIMITS.buttonsText)
      issues.push({
        code: 'question_buttons_text',
        message: `A buttons template's text may have ${LINE_LIMITS.buttonsText} characters; this one has ${len}.`,
        messageJa: `ボタン形式の質問文は${LINE_LIMITS.buttonsText}文字までです（現在${len}文字）。`,
        path: ['text'],
      });
  }
  const seen = new Set<string>();
  d.choices.forEach((c, i) => {
    const len = Array.from(c.label.trim()).length;
    if (len === 0 || len > MAX_CHOICE_LABEL || seen.has(c.label.trim()))
      issues.push({
        code: 'question_choice_label',
        message: `Choice ${i + 1} needs a label of 1–${MAX_CHOICE_LABEL} characters, different from the others.`,
        messageJa: `選択肢${i + 1}のラベルは1〜${MAX_CHOICE_LABEL}文字で、他と重複しないようにしてください。`,
        path: ['choices', i, 'label'],
      });
    seen.add(c.label.trim());
  });
  if (d.saveTo && attributes) {
    const def = attributes.find((a) => a.key === d.saveTo?.key);
    if (!def)
      issues.push({
        code: 'question_unknown_attribute',
        message: `The answer is saved to ${d.saveTo.key}, which is not defined.`,
        messageJa: `保存先の友だち情報「${d.saveTo.key}」は定義されていません。`,
        path: ['saveTo', 'key'],
      });
    else if (def.type !== d.saveTo.type)
      issues.push({
        code: 'question_attribute_type',
        message: `${d.saveTo.key} is a ${def.type} attribute, not ${d.saveTo.type}.`,
        messageJa: `「${d.saveTo.key}」の型は ${def.type} です（${d.saveTo.type} ではありません）。`,
        path: ['saveTo', 'type'],
      });
    else {
      d.choices.forEach((c, i) => {
        if (typedValue(d.saveTo!.type, c.value || c.label, def.options) === undefined)
          issues.push({
            code: 'question_attribute_type',
            message: `Choice ${i + 1}'s value does not fit ${d.saveTo!.key} (${def.type}).`,
            messageJa: `選択肢${i + 1}の値は「${d.saveTo!.key}」（${def.type}）に保存できません。`,
            path: ['choices', i, 'value'],
          });
      });
    }
  }
  return issues;
}

export const questionNode = defineNode(
  'question',
  QuestionDataSchema,
)({
  label: { ja: '質問', en: 'Question' },
  codes: { ...CODES, ...CLOCK_WAIT_CODES },
  outputs: (d) => [...d.choices.map((c) => choiceOutput(c.id)), 'other', 'timeout'],
  outputLabel: (d, output, lang) => {
    if (output === 'other') return lang === 'ja' ? 'その他の回答' : 'other answer';
    if (output === 'timeout') return lang === 'ja' ? '回答なし' : 'no answer';
    return d.choices.find((c) => choiceOutput(c.id) === output)?.label ?? output;
  },
  explain(d, taken, lang, ctx) {
    const ja = lang === 'ja';
    if (taken.output === 'timeout') {
      const by = taken.waitUntil === undefined ? '' : formatLocal(taken.waitUntil, ctx.timeZone);
      return ja ? `${by}までに回答なし` : `no answer by ${by}`;
    }
    if (taken.output === 'other') return ja ? '選択肢以外の回答' : 'answered with something else';
    const c = d.choices.find((x) => choiceOutput(x.id) === taken.output);
    return c ? (ja ? `「${c.label}」と回答` : `answered “${c.label}”`) : ja ? '回答待ち' : 'waiting for the answer';
  },
  summary(d, lang, ctx) {
    const ja = lang === 'ja';
    const first = d.text.split('\n')[0] ?? '';
    const n = d.choices.length;
    const free = d.freeText ? FORMAT_LABEL[d.freeText.format][lang] : '';
    const buttons = d.display === 'buttons';
    const what = ja
      ? [n > 0 ? (buttons ? `ボタン${n}` : `選択肢${n}`) : '', free].filter(Boolean).join('・')
      : [n > 0 ? (buttons ? `${n} buttons` : `${n} choices`) : '', free].filter(Boolean).join(', ');
    const save = d.saveTo ? (ja ? ` → ${d.saveTo.key}` : ` → ${d.saveTo.key}`) : '';
    const limit = describeWait(d.timeout, lang, ctx);
    return ja ? `質問「${first}」（${what}${save}、${limit}）` : `ask “${first}” (${what}${save}, ${limit})`;
  },
  defaultData: () => ({
    text: 'ご興味のある内容を選んでください',
    choices: [
      { id: 'a', label: 'はい', value: 'yes' },
      { id: 'b', label: 'いいえ', value: 'no' },
    ],
    saveTo: null,
    freeText: null,
    timeout: { mode: 'duration', amount: 1, unit: 'days' },
  }),
  readsFriend: () => false,
  alwaysWaits: (d) => waitAlwaysTakesTime(d.timeout),
  check: (d, ctx) => [...checkQuestion(d, ctx.attributes), ...checkWait(d.timeout, ctx, ['timeout'])],
  run: (d, ctx) => ({
    type: 'ask',
    messages: [questionMessage(d, d.text, { runId: ctx.runId, nodeId: ctx.nodeId, visit: ctx.visit })],
    until: waitUntil(d.timeout, ctx.now, ctx.settings.timeZone),
  }),
});

/** The message sent on an invalid typed answer: the node's own words, or a default, then the question again. */
export function reaskMessages(d: QuestionData, at: AnswerTarget): LineMessage[] {
  const sorry = d.freeText?.invalidMessage || '入力内容を確認できませんでした。もう一度お答えください。';
  return [{ type: 'text', text: sorry }, questionMessage(d, d.text, at)];
}
