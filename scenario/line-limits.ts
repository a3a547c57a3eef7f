// LINE Messaging API limits, counted as LINE counts them: UTF-16 units for message text, grapheme clusters for labels and template text.
import type { FlexContainer, LineAction } from './flex';
import type { LineMessage } from './messages';

export const LINE_LIMITS = {
  messagesPerSend: 5,
  textUnits: 5000,
  altText: 400,
  url: 2000,
  uriAction: 1000,
  buttonsTitle: 40,
  buttonsText: 160,
  buttonsTextWithImageOrTitle: 60,
  buttonsActions: 4,
  actionLabel: 20,
  postbackData: 300,
  messageActionText: 300,
  carouselBubbles: 12,
  bubbleBytes: 30_000,
  carouselBytes: 50_000,
  /** An image message's original (JPEG or PNG). */
  imageBytes: 10 * 1024 * 1024,
  /** An image message's preview (JPEG or PNG). */
  previewImageBytes: 1024 * 1024,
  /** A flex image component's longest side in pixels. */
  flexImageSide: 1024,
  /** An imagemap's actions, its message action text and its labels. */
  imagemapActions: 50,
  imagemapText: 400,
  imagemapLabel: 100,
} as const;

/** The codes checkMessages() reports, with what each means. */
export const LINE_LIMIT_CODES = {
  send_message_count: 'A send with no message or more than 5.',
  line_text_empty: 'An empty text.',
  line_text_too_long: 'A text over 5,000 UTF-16 units.',
  line_alt_text_empty: 'An empty altText.',
  line_alt_text_too_long: 'An altText over 400 characters.',
  line_url_invalid: 'A URL with a scheme LINE refuses (images need https).',
  line_url_too_long: 'A URL over 2,000 characters (1,000 for link actions).',
  line_label_missing: 'A button without a label.',
  line_label_too_long: 'A button label over 20 characters.',
  line_action_data_too_long: 'Postback data or reply text over 300 characters.',
  line_title_too_long: 'A buttons title over 40 characters.',
  line_buttons_text_too_long: 'Buttons text over 160 characters (60 with an image or title).',
  line_actions_count: 'A buttons message with no button or more than 4.',
  line_flex_bubbles: 'A carousel with no bubble or more than 12.',
  line_flex_too_large: 'A bubble over 30 KB or a carousel over 50 KB of JSON.',
  line_imagemap_actions: 'An imagemap with no tappable area or more than 50.',
  line_imagemap_area: 'An imagemap area outside its image.',
} as const;

export type LimitIssue = { code: string; message: string; messageJa?: string; path: (string | number)[] };

/** UTF-16 code units: what LINE counts for text messages and altText (🍎 counts 2). */
export const utf16Length = (s: string) => s.length;

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('ja', { granularity: 'grapheme' }) : null;
/** Grapheme clusters: what LINE counts for action labels and template titles/text (👨‍👩‍👧 counts 1). */
export function graphemeLength(s: string): number {
  if (!segmenter) return Array.from(s).length;
  let n = 0;
  for (const _ of segmenter.segment(s)) n++;
  return n;
}

function utf8Bytes(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

function checkUrl(url: string, path: (string | number)[], httpsOnly: boolean, max: number = LINE_LIMITS.url): LimitIssue[] {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  const allowed = httpsOnly ? ['https'] : ['http', 'https', 'line', 'tel'];
  const out: LimitIssue[] = [];
  if (!scheme || !allowed.includes(scheme) || /\s/.test(url)) {
    out.push({
      code: 'line_url_invalid',
      message: `"${url}" is not a valid ${httpsOnly ? 'https://' : 'http(s)://, line:// or tel:'} URL.`,
      messageJa: `「${url}」は使えないURLです（${httpsOnly ? 'https' : 'http/https/line/tel'}）。`,
      path,
    });
  }
  if (url.length > max) {
    out.push({
      code: 'line_url_too_long',
      message: `A URL is ${url.length} characters; LINE allows ${max}.`,
      messageJa: `URLが${max}文字を超えています。`,
      path,
    });
  }
  return out;
}

function checkAction(a: LineAction, path: (string | number)[], labelRequired: boolean): LimitIssue[] {
  const out: LimitIssue[] = [];
  if (a.label === undefined || a.label === '') {
    if (labelRequired)
      out.push({
        code: 'line_label_missing',
        message: 'A button has no label.',
        messageJa: 'ボタンのラベルがありません。',
        path: [...path, 'label'],
      });
  } else if (graphemeLength(a.label) > LINE_LIMITS.actionLabel) {
    out.push({
      code: 'line_label_too_long',
      message: `The button label "${a.label}" is ${graphemeLength(a.label)} characters; LINE allows ${LINE_LIMITS.actionLabel}.`,
      messageJa: `ボタンのラベル「${a.label}」が${LINE_LIMITS.actionLabel}文字を超えています。`,
      path: [...path, 'label'],
    });
  }
  if (a.type === 'uri') out.push(...checkUrl(a.uri, [...path, 'uri'], false, LINE_LIMITS.uriAction));
  if (a.type === 'postback' && a.data.length > LINE_LIMITS.postbackData) {
    out.push({
      code: 'line_action_data_too_long',
      message: `Postback data is over ${LINE_LIMITS.postbackData} characters.`,
      messageJa: 'ポストバックのデータが長すぎます。',
      path: [...path, 'data'],
    });
  }
  if (a.type === 'message' && graphemeLength(a.text) > LINE_LIMITS.messageActionText) {
    out.push({
      code: 'line_action_data_too_long',
      message: `The reply text is over ${LINE_LIMITS.messageActionText} characters.`,
      messageJa: '返信テキストが長すぎます。',
      path: [...path, 'text'],
    });
  }
  return out;
}

function altText(alt: string, path: (string | number)[]): LimitIssue[] {
  if (alt.trim() === '')
    return [
      { code: 'line_alt_text_empty', message: 'The notification text (altText) is empty.', messageJa: '代替テキストが空です。', path },
    ];
  if (alt.length > LINE_LIMITS.altText) {
    return [
      {
        code: 'line_alt_text_too_long',
        message: `The notification text is ${alt.length} characters; LINE allows ${LINE_LIMITS.altText}.`,
        messageJa: `代替テキストが${LINE_LIMITS.altText}文字を超えています。`,
        path,
      },
    ];
  }
  return [];
}

function walkFlex(v: unknown, path: (string | number)[], out: LimitIssue[]): void {
  if (Array.isArray(v)) return v.forEach((x, i) => walkFlex(x, [...path, i], out));
  if (v === null || typeof v !== 'object') return;
  for (const [k, x] of Object.entries(v)) {
    if ((k === 'action' || k === 'defaultAction') && x !== null && typeof x === 'object' && 'type' in x) {
      if (x.type === 'uri' && 'uri' in x && typeof x.uri === 'string')
        out.push(...checkUrl(x.uri, [...path, k, 'uri'], false, LINE_LIMITS.uriAction));
    } else if ((k === 'url' || k === 'previewUrl') && typeof x === 'string') out.push(...checkUrl(x, [...path, k], true));
    else walkFlex(x, [...path, k], out);
  }
}

function checkFlex(c: FlexContainer, path: (string | number)[]): LimitIssue[] {
  const out: LimitIssue[] = [];
  if (c.type === 'carousel') {
    if (c.contents.length === 0 || c.contents.length > LINE_LIMITS.carouselBubbles) {
      out.push({
        code: 'line_flex_bubbles',
        message: `A carousel holds 1 to ${LINE_LIMITS.carouselBubbles} bubbles; this one has ${c.contents.length}.`,
        messageJa: `カルーセルは1〜${LINE_LIMITS.carouselBubbles}枚です。`,
        path: [...path, 'contents'],
      });
    }
    c.contents.forEach((b, i) => {
      if (utf8Bytes(JSON.stringify(b)) > LINE_LIMITS.bubbleBytes)
        out.push({
          code: 'line_flex_too_large',
          message: `Bubble ${i + 1} is over 30 KB of JSON.`,
          messageJa: `${i + 1}枚目のバブルが30KBを超えています。`,
          path: [...path, 'contents', i],
        });
    });
    if (utf8Bytes(JSON.stringify(c)) > LINE_LIMITS.carouselBytes)
      out.push({
        code: 'line_flex_too_large',
        message: 'The carousel is over 50 KB of JSON.',
        messageJa: 'カルーセルが50KBを超えています。',
        path,
      });
  } else if (utf8Bytes(JSON.stringify(c)) > LINE_LIMITS.bubbleBytes) {
    out.push({
      code: 'line_flex_too_large',
      message: 'The flex bubble is over 30 KB of JSON.',
      messageJa: 'バブルが30KBを超えています。',
      path,
    });
  }
  walkFlex(c, path, out);
  return out;
}

function checkImagemap(m: Extract<LineMessage, { type: 'imagemap' }>, path: (string | number)[]): LimitIssue[] {
  const out = [...altText(m.altText, [...path, 'altText']), ...checkUrl(m.baseUrl, [...path, 'baseUrl'], true)];
  if (m.actions.length < 1 || m.actions.length > LINE_LIMITS.imagemapActions)
    out.push({
      code: 'line_imagemap_actions',
      message: `A rich message needs 1 to ${LINE_LIMITS.imagemapActions} tappable areas; it has ${m.actions.length}.`,
      messageJa: `リッチメッセージのタップできるエリアは1〜${LINE_LIMITS.imagemapActions}個です。`,
      path: [...path, 'actions'],
    });
  m.actions.forEach((a, i) => {
    const at = [...path, 'actions', i];
    const { x, y, width, height } = a.area;
    if (x + width > m.baseSize.width || y + height > m.baseSize.height)
      out.push({
        code: 'line_imagemap_area',
        message: `Area ${i + 1} reaches outside the ${m.baseSize.width}×${m.baseSize.height} image.`,
        messageJa: `${i + 1}番目のエリアが画像（${m.baseSize.width}×${m.baseSize.height}）からはみ出しています。`,
        path: [...at, 'area'],
      });
    if (a.label !== undefined && graphemeLength(a.label) > LINE_LIMITS.imagemapLabel)
      out.push({
        code: 'line_label_too_long',
        message: `Area ${i + 1}'s label is over ${LINE_LIMITS.imagemapLabel} characters.`,
        messageJa: `${i + 1}番目のエリアのラベルが${LINE_LIMITS.imagemapLabel}文字を超えています。`,
        path: [...at, 'label'],
      });
    if (a.type === 'uri') out.push(...checkUrl(a.linkUri, [...at, 'linkUri'], false, LINE_LIMITS.uriAction));
    else if (a.text.trim() === '')
      out.push({
        code: 'line_text_empty',
        message: `Area ${i + 1} sends an empty text.`,
        messageJa: `${i + 1}番目のエリアの送信テキストが空です。`,
        path: [...at, 'text'],
      });
    else if (graphemeLength(a.text) > LINE_LIMITS.imagemapText)
      out.push({
        code: 'line_action_data_too_long',
        message: `Area ${i + 1}'s text is over ${LINE_LIMITS.imagemapText} characters.`,
        messageJa: `${i + 1}番目のエリアの送信テキストが${LINE_LIMITS.imagemapText}文字を超えています。`,
        path: [...at, 'text'],
      });
  });
  return out;
}

export function checkMessage(m: LineMessage, path: (string | number)[] = []): LimitIssue[] {
  switch (m.type) {
    case 'text':
      if (m.text.trim() === '')
        return [{ code: 'line_text_empty', message: 'A text message is empty.', messageJa: 'テキストが空です。', path: [...path, 'text'] }];
      if (utf16Length(m.text) > LINE_LIMITS.textUnits) {
        return [
          {
            code: 'line_text_too_long',
            message: `A text message is ${utf16Length(m.text)} characters as LINE counts them; the limit is ${LINE_LIMITS.textUnits}.`,
            messageJa: `テキストが${LINE_LIMITS.textUnits}文字を超えています（${utf16Length(m.text)}文字）。`,
            path: [...path, 'text'],
          },
        ];
      }
      return [];
    case 'image':
      return [
        ...checkUrl(m.originalContentUrl, [...path, 'originalContentUrl'], true),
        ...checkUrl(m.previewImageUrl, [...path, 'previewImageUrl'], true),
      ];
    case 'sticker':
      return [];
    case 'coupon':
      // Which coupon, and whether it is open, is the send node's check (scenario/coupons.ts); the tag is Kizuna's own.
      return [];
    case 'imagemap':
      return checkImagemap(m, path);
    case 'flex':
      return [...altText(m.altText, [...path, 'altText']), ...checkFlex(m.contents, [...path, 'contents'])];
    case 'template': {
      const t = m.template;
      const tp = [...path, 'template'];
      const out = altText(m.altText, [...path, 'altText']);
      if (t.title !== undefined && graphemeLength(t.title) > LINE_LIMITS.buttonsTitle) {
        out.push({
          code: 'line_title_too_long',
          message: `The title is over ${LINE_LIMITS.buttonsTitle} characters.`,
          messageJa: `タイトルが${LINE_LIMITS.buttonsTitle}文字を超えています。`,
          path: [...tp, 'title'],
        });
      }
      const max = t.title || t.thumbnailImageUrl ? LINE_LIMITS.buttonsTextWithImageOrTitle : LINE_LIMITS.buttonsText;
      if (t.text.trim() === '')
        out.push({
          code: 'line_text_empty',
          message: 'The buttons message has no text.',
          messageJa: 'ボタンメッセージの本文が空です。',
          path: [...tp, 'text'],
        });
      else if (graphemeLength(t.text) > max) {
        out.push({
          code: 'line_buttons_text_too_long',
          message: `The buttons text is ${graphemeLength(t.text)} characters; LINE allows ${max}${max === 60 ? ' with an image or title' : ''}.`,
          messageJa: `ボタンメッセージの本文が${max}文字を超えています。`,
          path: [...tp, 'text'],
        });
      }
      if (t.thumbnailImageUrl !== undefined) out.push(...checkUrl(t.thumbnailImageUrl, [...tp, 'thumbnailImageUrl'], true));
      if (t.actions.length < 1 || t.actions.length > LINE_LIMITS.buttonsActions) {
        out.push({
          code: 'line_actions_count',
          message: `A buttons message needs 1 to ${LINE_LIMITS.buttonsActions} buttons; it has ${t.actions.length}.`,
          messageJa: `ボタンは1〜${LINE_LIMITS.buttonsActions}個です。`,
          path: [...tp, 'actions'],
        });
      }
      t.actions.forEach((a, i) => out.push(...checkAction(a, [...tp, 'actions', i], true)));
      if (t.defaultAction) out.push(...checkAction(t.defaultAction, [...tp, 'defaultAction'], false));
      return out;
    }
  }
}

/** Every limit a send breaks, with paths relative to the send node's data. */
export function checkMessages(messages: readonly LineMessage[]): LimitIssue[] {
  const out: LimitIssue[] = [];
  if (messages.length < 1 || messages.length > LINE_LIMITS.messagesPerSend) {
    out.push({
      code: 'send_message_count',
      message: `A send holds 1 to ${LINE_LIMITS.messagesPerSend} messages; this one has ${messages.length}.`,
      messageJa: `1回の配信は1〜${LINE_LIMITS.messagesPerSend}通です（現在${messages.length}通）。`,
      path: ['messages'],
    });
  }
  messages.forEach((m, i) => out.push(...checkMessage(m, ['messages', i])));
  return out;
}
