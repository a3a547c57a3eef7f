// Answer forms (回答フォーム): the form definition, its check against typed attributes, and a friend's answers checked.
import { z } from 'zod';
import { AttributeKeySchema, type AttributeType, type AttributeValue } from './friend';

export const FORM_FIELD_TYPES = ['text', 'textarea', 'single_choice', 'multiple_choice', 'date', 'number', 'email', 'phone'] as const;
export const FormFieldTypeSchema = z.enum(FORM_FIELD_TYPES);
export type FormFieldType = z.infer<typeof FormFieldTypeSchema>;

export const FormSlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and -, up to 63 characters (it appears in {{form:<slug>}})');

export const FormFieldSchema = z.object({
  /** The answer's key in responses and CSV; stable while the form is edited. */
  id: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'lower-case letters, digits and _, starting with a letter'),
  type: FormFieldTypeSchema,
  label: z.string().trim().min(1).max(200),
  help: z.string().trim().max(500).default(''),
  required: z.boolean().default(false),
  /** The choices of single and multiple choice fields (empty for the others). */
  options: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  /** The friend attribute the answer is saved to, or null. */
  attribute: AttributeKeySchema.nullable().default(null),
});
export type FormField = z.infer<typeof FormFieldSchema>;

export const FormDefinitionSchema = z
  .object({
    slug: FormSlugSchema,
    title: z.string().trim().min(1).max(100),
    description: z.string().trim().max(1000).default(''),
    /** Shown after a submit. */
    thanks: z.string().trim().max(500).default(''),
    fields: z.array(FormFieldSchema).min(1, 'a form needs at least one field').max(50),
  })
  .superRefine((f, ctx) => {
    const ids = new Set<string>();
    f.fields.forEach((field, i) => {
      if (ids.has(field.id)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'id'], message: 'field ids must be unique' });
      ids.add(field.id);
      if (isChoice(field.type)) {
        if (field.options.length === 0)
          ctx.addIssue({ code: 'custom', path: ['fields', i, 'options'], message: 'a choice field needs at least one choice' });
        else if (new Set(field.options).size !== field.options.length)
          ctx.addIssue({ code: 'custom', path: ['fields', i, 'options'], message: 'choices must be unique' });
      } else if (field.options.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'options'], message: 'only choice fields have choices' });
      }
    });
  });
export type FormDefinition = z.infer<typeof FormDefinitionSchema>;

export function isChoice(type: FormFieldType): boolean {
  return type === 'single_choice' || type === 'multiple_choice';
}

export interface FormIssue {
  path: (string | number)[];
  message: string;
}

/** The attribute types a field's answer may be saved to. */
export function compatibleAttributeTypes(type: FormFieldType): readonly AttributeType[] {
  switch (type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'multiple_choice':
      return ['string'];
    case 'single_choice':
      return ['string', 'enum'];
    case 'number':
      return ['number'];
    case 'date':
      return ['date'];
  }
}

/** Every field mapped to an attribute must name a defined one of a compatible type (an enum must hold every choice). */
export function checkFormAttributes(
  form: FormDefinition,
  defs: readonly { key: string; type: AttributeType; options: readonly string[] | null }[],
): FormIssue[] {
  const issues: FormIssue[] = [];
  const used = new Set<string>();
  form.fields.forEach((field, i) => {
    if (!field.attribute) return;
    const path = ['fields', i, 'attribute'];
    const def = defs.find((d) => d.key === field.attribute);
    if (!def) return void issues.push({ path, message: `no attribute "${field.attribute}" is defined (add it in Settings)` });
    if (used.has(def.key)) issues.push({ path, message: `two fields save to "${def.key}"` });
    used.add(def.key);
    const ok = compatibleAttributeTypes(field.type);
    if (!ok.includes(def.type))
      return void issues.push({ path, message: `a ${field.type} answer cannot be saved to a ${def.type} attribute` });
    if (def.type === 'enum') {
      const missing = field.options.filter((o) => !(def.options ?? []).includes(o));
      if (missing.length > 0) issues.push({ path, message: `the attribute has no option ${missing.map((m) => `"${m}"`).join(', ')}` });
    }
  });
  return issues;
}

export type AnswerValue = string | number | string[];
export type AnswerProblem =
  'required' | 'too_long' | 'invalid_email' | 'invalid_phone' | 'invalid_number' | 'invalid_date' | 'invalid_choice';
export type CheckedAnswers =
  { ok: true; answers: Record<string, AnswerValue> } | { ok: false; problems: { fieldId: string; problem: AnswerProblem }[] };

const MAX_LENGTH: Record<FormFieldType, number> = {
  text: 1000,
  textarea: 5000,
  single_choice: 100,
  multiple_choice: 100,
  date: 10,
  number: 40,
  email: 254,
  phone: 30,
};
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9\- ()]{4,22}[0-9]$/;
const NUMBER = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Full-width digits and signs (typed on Japanese phones) become ASCII for numbers, phones, emails and dates. */
const narrow = (s: string) => s.normalize('NFKC').replace(/[ー－―]/g, '-');

type One = { value: AnswerValue } | { problem: AnswerProblem };

function one(field: FormField, raw: string): One {
  const s = field.type === 'textarea' ? raw.replace(/\r\n/g, '\n').trim() : raw.trim();
  if (s.length > MAX_LENGTH[field.type]) return { problem: 'too_long' };
  const n = narrow(s);
  switch (field.type) {
    case 'text':
    case 'textarea':
      return { value: s };
    case 'email':
      return EMAIL.test(n) ? { value: n } : { problem: 'invalid_email' };
    case 'phone':
      return PHONE.test(n) ? { value: n } : { problem: 'invalid_phone' };
    case 'number': {
      const x = n.replaceAll(',', '');
      return NUMBER.test(x) && Number.isFinite(Number(x)) ? { value: Number(x) } : { problem: 'invalid_number' };
    }
    case 'date': {
      const d = n.replaceAll('/', '-');
      return isCalendarDate(d) ? { value: d } : { problem: 'invalid_date' };
    }
    case 'single_choice':
      return field.options.includes(s) ? { value: s } : { problem: 'invalid_choice' };
    case 'multiple_choice':
      return { problem: 'invalid_choice' };
  }
}

/**
 * A friend's answers as the page posts them (text, or a list of texts for multiple choice), checked against the form:
 * every problem with its field, or the answers typed. Empty answers are left out; unknown keys are ignored.
 */
export function checkAnswers(form: FormDefinition, raw: Readonly<Record<string, string | readonly string[] | undefined>>): CheckedAnswers {
  const answers: Record<string, AnswerValue> = {};
  const problems: { fieldId: string; problem: AnswerProblem }[] = [];
  for (const field of form.fields) {
    const given = raw[field.id];
    const list = (typeof given === 'string' ? [given] : (given ?? [])).map((v) => v.trim()).filter((v) => v !== '');
    if (list.length === 0) {
      if (field.required) problems.push({ fieldId: field.id, problem: 'required' });
      continue;
    }
    if (field.type === 'multiple_choice') {
      const picked = [...new Set(list)];
      if (picked.some((p) => !field.options.includes(p))) problems.push({ fieldId: field.id, problem: 'invalid_choice' });
      // In the form's order, whatever order the browser sent them in.
      else answers[field.id] = field.options.filter((o) => picked.includes(o));
      continue;
    }
    if (list.length > 1) {
      problems.push({ fieldId: field.id, problem: field.type === 'single_choice' ? 'invalid_choice' : 'too_long' });
      continue;
    }
    const v = one(field, list[0] ?? '');
    if ('problem' in v) problems.push({ fieldId: field.id, problem: v.problem });
    else answers[field.id] = v.value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, answers };
}

/** An answer as one line of text (the responses list and CSV): choices joined with ", ". */
export function answerText(v: AnswerValue | undefined): string {
  if (v === undefined) return '';
  return Array.isArray(v) ? v.join(', ') : String(v);
}

/** The attribute values a submit sets: each mapped field's answer (multiple choices as one text). */
export function attributeValuesOf(form: FormDefinition, answers: Readonly<Record<string, AnswerValue>>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const field of form.fields) {
    const v = answers[field.id];
    if (!field.attribute || v === undefined) continue;
    out[field.attribute] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** Answers as stored in form_responses.answers (parsed on read, as they were checked on write). */
export const StoredAnswersSchema = z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())]));
