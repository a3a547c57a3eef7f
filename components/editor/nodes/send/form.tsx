'use client';
// Message composer: up to 5 LINE messages (text, uploaded image, sticker, buttons, cards, flex JSON), templates, and a
// LINE-like preview rendered for a sample friend.
import { LINE_LIMITS } from '@/scenario/line-limits';
import { renderMessages } from '@/scenario/render';
import { friendFixture } from '@/scenario/fixtures';
import type { LineMessage } from '@/scenario/schema';
import { LineBubble, LineChat } from '@/components/preview/line-bubble';
import { useEditor, useT } from '../../editor-context';
import { Check, IssueText, Select, SmallButton, useIssuesAt } from '../../inspector/fields';
import type { KindFormProps } from '../types';
import { freshMessage, kindOf, MessageFields, type MessageKind } from '../../messages/message-fields';
import { TemplatesPanel } from '../../messages/templates-panel';

export function SendForm({ id, data, onChange }: KindFormProps<'send'>) {
  const t = useT();
  // A card's or rich message's own problems show on it; the rest here.
  const issues = useIssuesAt(id, ['messages']).filter((x) => !x.path.includes('cards') && !x.path.includes('rich'));
  const lang = useEditor((s) => s.lang);
  const sample = renderMessages(data.messages, { friend: friendFixture({ displayName: lang === 'ja' ? '花子' : 'Hanako' }), event: null });
  const setMessages = (messages: LineMessage[]) => onChange({ ...data, messages });
  const set = (i: number, m: LineMessage) => setMessages(data.messages.map((x, j) => (j === i ? m : x)));
  const kinds: { value: MessageKind; label: string }[] = [
    { value: 'text', label: t('editor.send.text') },
    { value: 'image', label: t('editor.send.image') },
    { value: 'sticker', label: t('editor.send.sticker') },
    { value: 'template', label: t('editor.send.buttons') },
    { value: 'cards', label: t('editor.send.cards') },
    { value: 'rich', label: t('editor.send.rich') },
    { value: 'coupon', label: t('editor.send.coupon') },
    { value: 'flex', label: t('editor.send.flex') },
  ];
  return (
    <div className="space-y-3">
      {data.messages.map((m, i) => (
        <div key={i} className="space-y-2 rounded-md border border-emerald-200 p-2" data-testid={`send-${id}-message-${i}`}>
          <div className="flex items-center gap-1">
            <span className="text-xs font-semibold text-emerald-700">
              {t('editor.send.message')} {i + 1}
            </span>
            <div className="ml-auto w-36">
              <Select value={kindOf(m)} options={kinds} onChange={(k) => set(i, freshMessage(k))} testId={`send-${id}-kind-${i}`} />
            </div>
            <SmallButton tone="danger" onClick={() => setMessages(data.messages.filter((_, j) => j !== i))}>
              ×
            </SmallButton>
          </div>
          <MessageFields id={id} index={i} m={m} onChange={(x) => set(i, x)} />
        </div>
      ))}
      {data.messages.length < LINE_LIMITS.messagesPerSend && (
        <SmallButton onClick={() => setMessages([...data.messages, freshMessage('text')])} testId={`send-${id}-add`}>
          + {t('editor.send.add')}
        </SmallButton>
      )}
      <Check label={t('editor.send.trackLinks')} checked={data.trackLinks} onChange={(trackLinks) => onChange({ ...data, trackLinks })} />
      <IssueText issues={issues} />
      <div>
        <div className="mb-1 text-xs font-medium text-slate-600">{t('editor.send.preview')}</div>
        <LineChat testId={`send-${id}-preview`}>
          {sample.map((m, i) => (
            <LineBubble key={i} message={m} lang={lang} />
          ))}
        </LineChat>
      </div>
      <TemplatesPanel id={id} messages={data.messages} onChange={setMessages} />
    </div>
  );
}
