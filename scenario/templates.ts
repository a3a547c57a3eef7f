// Placeholders in message text: {{friend.displayName}}, {{attr.rank}}, {{event.itemName}}, each with an optional "| default",
// and {{form:<slug>}}, a friend's signed form link that the sender fills at send time (rendering keeps it as written).
import type { FriendSnapshot } from './friend';

export type Placeholder = {
  raw: string;
  root: 'friend' | 'attr' | 'event' | 'form';
  key: string;
  fallback: string | null;
  index: number;
};
export type TemplateProblem = { code: 'template_syntax' | 'template_unknown_placeholder'; message: string; index: number };
export type ParsedTemplate = { parts: (string | Placeholder)[]; problems: TemplateProblem[] };
/** What placeholders are filled from: the friend, and the event that started the run (if any). */
export type TemplateVars = { friend: FriendSnapshot; event: Record<string, unknown> | null };

export const FRIEND_FIELDS = ['displayName', 'id'] as const;
const PATH = /^(friend|attr|event)\.([A-Za-z_][A-Za-z0-9_]*)$/;
const FORM = /^form:([a-z0-9][a-z0-9-]{0,62})$/;

function parsePlaceholder(inner: string, index: number): Placeholder | TemplateProblem {
  const bar = inner.indexOf('|');
  const path = (bar < 0 ? inner : inner.slice(0, bar)).trim();
  const fallback = bar < 0 ? null : inner.slice(bar + 1).trim();
  const form = bar < 0 ? FORM.exec(path) : null;
  if (form?.[1]) return { raw: `{{${inner}}}`, root: 'form', key: form[1], fallback: null, index };
  const m = PATH.exec(path);
  const root = m?.[1];
  const key = m?.[2];
  if (!key || (root !== 'friend' && root !== 'attr' && root !== 'event')) {
    return {
      code: 'template_unknown_placeholder',
      message: `"{{${inner}}}" is not a placeholder Kizuna knows; use {{friend.displayName}}, {{attr.<key>}}, {{event.<property>}} or {{form:<slug>}}`,
      index,
    };
  }
  if (root === 'friend' && !FRIEND_FIELDS.some((f) => f === key)) {
    return { code: 'template_unknown_placeholder', message: `friend.${key} is not a friend field (use friend.displayName)`, index };
  }
  return { raw: `{{${inner}}}`, root, key, fallback, index };
}

export function parseTemplate(text: string): ParsedTemplate {
  const parts: (string | Placeholder)[] = [];
  const problems: TemplateProblem[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) {
      parts.push(text.slice(i));
      break;
    }
    const close = text.indexOf('}}', open + 2);
    const nextOpen = text.indexOf('{{', open + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      problems.push({ code: 'template_syntax', message: `"{{" at character ${open + 1} is never closed with "}}"`, index: open });
      parts.push(text.slice(i, open + 2));
      i = open + 2;
      continue;
    }
    if (open > i) parts.push(text.slice(i, open));
    const p = parsePlaceholder(text.slice(open + 2, close), open);
    if ('code' in p) {
      problems.push(p);
      parts.push(text.slice(open, close + 2));
    } else parts.push(p);
    i = close + 2;
  }
  return { parts, problems };
}

function show(v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function lookup(p: Placeholder, vars: TemplateVars): string | null {
  if (p.root === 'friend') return show(p.key === 'id' ? vars.friend.id : vars.friend.displayName);
  if (p.root === 'attr') return show(vars.friend.attributes[p.key]);
  // Left as written: only the sender holds the secret that signs the friend's link.
  if (p.root === 'form') return p.raw;
  return show(vars.event?.[p.key]);
}

// Parsed templates are cached: a plan's texts are few and rendered for many friends.
const cache = new Map<string, ParsedTemplate>();
function parsed(text: string): ParsedTemplate {
  let t = cache.get(text);
  if (!t) {
    t = parseTemplate(text);
    if (cache.size > 5_000) cache.clear();
    cache.set(text, t);
  }
  return t;
}

/** Fills placeholders; a missing value becomes its "| default", or nothing. */
export function renderTemplate(text: string, vars: TemplateVars): string {
  if (!text.includes('{{')) return text;
  let out = '';
  for (const part of parsed(text).parts) out += typeof part === 'string' ? part : (lookup(part, vars) ?? part.fallback ?? '');
  return out;
}

export function placeholders(text: string): Placeholder[] {
  return parsed(text).parts.filter((p): p is Placeholder => typeof p !== 'string');
}

/** Fills each placeholder with its default or a one-letter sample: how validation measures a text before any friend exists. */
export function renderSample(text: string): string {
  if (!text.includes('{{')) return text;
  let out = '';
  for (const part of parsed(text).parts)
    out += typeof part === 'string' ? part : part.root === 'form' ? FORM_LINK_SAMPLE : (part.fallback ?? 'x');
  return out;
}

/** A form link's length at send time: the base URL, /f/ and a signed token of about 100 characters. */
const FORM_LINK_SAMPLE = `https://${'x'.repeat(140)}`;

/** A placeholder in words a marketer reads: 「友だちの表示名」, the attribute's label, 「イベントの itemName」. */
export function placeholderName(p: Placeholder, lang: 'ja' | 'en', attributes: readonly { key: string; label: string }[] = []): string {
  const ja = lang === 'ja';
  switch (p.root) {
    case 'friend':
      if (p.key === 'displayName') return ja ? '友だちの表示名' : 'display name';
      return ja ? '友だちID' : 'friend id';
    case 'attr':
      return attributes.find((a) => a.key === p.key)?.label ?? p.key;
    case 'event':
      return ja ? `イベントの${p.key}` : `event ${p.key}`;
    case 'form':
      return ja ? `フォーム「${p.key}」のリンク` : `link to form ${p.key}`;
  }
}

/** The text with each placeholder shown by its name in brackets: ［友だちの表示名］さん / [display name]. */
export function previewTemplate(
  text: string,
  lang: 'ja' | 'en' = 'ja',
  attributes: readonly { key: string; label: string }[] = [],
): string {
  if (!text.includes('{{')) return text;
  const [open, close] = lang === 'ja' ? ['［', '］'] : ['[', ']'];
  let out = '';
  for (const part of parsed(text).parts)
    out += typeof part === 'string' ? part : `${open}${placeholderName(part, lang, attributes)}${close}`;
  return out;
}
