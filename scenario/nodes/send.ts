// Send node: 1–5 LINE messages with placeholders, held through quiet hours, checked against LINE's limits after rendering.
import { z } from 'zod';
import { CARD_CODES, checkCards, flexToCards } from '../cards';
import { checkCoupons, COUPON_CODES } from '../coupons';
import { checkMessages, LINE_LIMIT_CODES } from '../line-limits';
import { checkRich, imagemapToRich, RICH_CODES } from '../rich-message';
import { LineMessageSchema, type LineMessage } from '../messages';
import { mapMessageText, messageStrings, renderMessages } from '../render';
import { parseTemplate, previewTemplate, renderSample } from '../templates';
import { describeHold } from '../quiet-hours';
import { formatLocal, formatTimeOfDay, quietHoursRelease } from '../time';
import { defineNode } from './define-node';
import type { CheckContext, NodeIssue } from './types';

export const SendDataSchema = z.object({
  messages: z.array(LineMessageSchema),
  /** Rewrite every URL through Kizuna's click tracker (the engine does the rewriting). */
  trackLinks: z.boolean().default(true),
});

function firstLine(m: LineMessage, lang: 'ja' | 'en'): string {
  const ja = lang === 'ja';
  switch (m.type) {
    case 'text':
      return m.text.split('\n')[0] ?? '';
    case 'image':
      return ja ? '[画像]' : '[image]';
    case 'sticker':
      return ja ? '[スタンプ]' : '[sticker]';
    case 'flex':
      return `${flexToCards(m) ? (ja ? '[カード]' : '[cards]') : '[Flex]'} ${m.altText}`;
    case 'template':
      return `${ja ? '[ボタン]' : '[buttons]'} ${m.altText}`;
    case 'imagemap':
      return `${ja ? '[リッチ]' : '[rich]'} ${m.altText}`;
    case 'coupon':
      return ja ? '[クーポン]' : '[coupon]';
  }
}

function truncate(s: string, n: number): string {
  const chars = Array.from(s);
  return chars.length > n ? `${chars.slice(0, n).join('')}…` : s;
}

function checkTemplates(messages: readonly LineMessage[], ctx: CheckContext): NodeIssue[] {
  const issues: NodeIssue[] = [];
  messageStrings(messages, ['messages']).forEach(({ text, path }) => {
    const parsed = parseTemplate(text);
    for (const p of parsed.problems)
      issues.push({
        code: p.code,
        message: p.message,
        messageJa:
          p.code === 'template_syntax'
            ? '差し込み「{{」が閉じられていません。'
            : `差し込み項目が不明です：${text.slice(p.index, p.index + 40)}`,
        path,
      });
    if (!ctx.attributes) return;
    for (const part of parsed.parts) {
      if (typeof part === 'string' || part.root !== 'attr') continue;
      const key = part.key;
      if (!ctx.attributes.some((a) => a.key === key)) {
        issues.push({
          code: 'template_unknown_attribute',
          message: `{{attr.${key}}} refers to a friend field that does not exist.`,
          messageJa: `差し込み {{attr.${key}}} の友だち情報は定義されていません。`,
          path,
        });
      }
    }
  });
  return issues;
}

/** The messages with each placeholder as its default or "x": what validation can measure before any friend exists. */
function sampleMessages(messages: readonly LineMessage[]): LineMessage[] {
  return messages.map((m) => mapMessageText(m, renderSample));
}

export const sendNode = defineNode(
  'send',
  SendDataSchema,
)({
  label: { ja: 'メッセージ配信', en: 'Send' },
  codes: {
    template_syntax: 'A "{{" never closed.',
    template_unknown_placeholder: 'A placeholder other than friend.displayName, friend.id, attr.*, event.*.',
    template_unknown_attribute: 'An {{attr.x}} placeholder for an attribute that is not defined.',
    ...LINE_LIMIT_CODES,
    ...CARD_CODES,
    ...RICH_CODES,
    ...COUPON_CODES,
  },
  outputs: () => ['next'],
  explain(d, taken, lang, ctx) {
    const ja = lang === 'ja';
    if (!taken.sent) return ja ? 'LINEの制限に合わないため送らない' : 'not sent: over LINE’s limits';
    const n = d.messages.length;
    const q = ctx.quietHours;
    if (taken.waitUntil !== undefined && q) {
      // Quiet hours are shorter than a day, so the end's time of day is unambiguous beside the step's date.
      const held = describeHold(q, formatTimeOfDay(taken.waitUntil, ctx.timeZone), lang);
      return ja ? `${held}し、${n}通を送信` : `${held}, then sent ${n} message${n === 1 ? '' : 's'}`;
    }
    return ja ? `${n}通を送信` : `sent ${n} message${n === 1 ? '' : 's'}`;
  },
  summary(d, lang, ctx) {
    const first = d.messages[0];
    if (!first) return lang === 'ja' ? '（メッセージなし）' : '(no messages)';
    const more = d.messages.length > 1 ? ` (+${d.messages.length - 1})` : '';
    return `${truncate(previewTemplate(firstLine(first, lang), lang, ctx.attributes), 30)}${more}`;
  },
  defaultData: () => ({ messages: [{ type: 'text', text: '{{friend.displayName}}さん、こんにちは！' }], trackLinks: true }),
  readsFriend: () => true,
  alwaysWaits: () => false,
  check(d, ctx) {
    const issues: NodeIssue[] = [...checkTemplates(d.messages, ctx), ...checkCoupons(d.messages, ctx.coupons, ['messages'])];
    // A card-type message's own rules (a title on every card …); LINE's limits are checked on its flex below.
    d.messages.forEach((m, i) => {
      const cards = flexToCards(m);
      if (cards) issues.push(...checkCards(cards.cards, ['messages', i]));
    });
    // A rich message's own rules (its image, each area's link or text); where they speak, LINE's URL check is redundant.
    const richSpoken = new Set<number>();
    d.messages.forEach((m, i) => {
      const rich = imagemapToRich(m);
      const own = rich ? checkRich(rich, ['messages', i]) : [];
      if (own.length > 0) richSpoken.add(i);
      issues.push(...own);
    });
    // URLs made entirely of a placeholder can only be judged once rendered for a friend.
    const dynamic = new Set(
      messageStrings(d.messages, ['messages'])
        .filter((s) => s.text.trimStart().startsWith('{{'))
        .map((s) => s.path.join('/')),
    );
    for (const issue of checkMessages(sampleMessages(d.messages))) {
      if (issue.code === 'line_url_invalid' && dynamic.has(issue.path.join('/'))) continue;
      if (issue.code === 'line_url_invalid' && richSpoken.has(Number(issue.path[1]))) continue;
      issues.push(issue);
    }
    return issues;
  },
  run(d, ctx) {
    const q = ctx.settings.quietHours;
    const zone = ctx.settings.timeZone;
    if (q) {
      const release = quietHoursRelease(ctx.now, q, zone);
      if (release > ctx.now)
        return {
          type: 'sleep',
          until: release,
          output: null,
          reason: `quiet hours ${q.start}–${q.end}: held until ${formatLocal(release, zone)}`,
        };
    }
    const messages = renderMessages(d.messages, { friend: ctx.friend, event: ctx.triggerEvent });
    const problems = checkMessages(messages);
    if (problems.length > 0) return { type: 'skip_send', reason: `not sent: ${problems.map((p) => p.message).join(' ')}` };
    return { type: 'send', messages, trackLinks: d.trackLinks };
  },
});
