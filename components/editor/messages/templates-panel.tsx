'use client';
// テンプレート: put a saved template's messages into this send step (replace or add), save this step's messages as a
// template for every scenario, or delete one.
import { useCallback, useEffect, useState } from 'react';
import { LINE_LIMITS } from '@/scenario/line-limits';
import type { LineMessage } from '@/scenario/schema';
import { useEditor, useT } from '../editor-context';
import { Select, SmallButton, TextInput } from '../inspector/fields';
import { templatesApi, type MessageTemplate } from './message-api';

export function TemplatesPanel({ id, messages, onChange }: { id: string; messages: LineMessage[]; onChange: (m: LineMessage[]) => void }) {
  const t = useT();
  const readOnly = useEditor((s) => s.readOnly);
  const [templates, setTemplates] = useState<MessageTemplate[]>([]);
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const testId = `send-${id}-templates`;
  const failed = (message: string) => setNote({ ok: false, text: t('templates.failed').replace('{message}', message) });

  const load = useCallback(async () => {
    const r = await templatesApi.list();
    if (r.ok) setTemplates(r.data.templates);
  }, []);
  useEffect(() => {
    if (!readOnly) void load();
  }, [load, readOnly]);

  const template = templates.find((x) => x.id === chosen);
  const use = (mode: 'replace' | 'append') => {
    if (!template) return;
    if (mode === 'append' && messages.length + template.messages.length > LINE_LIMITS.messagesPerSend)
      return setNote({ ok: false, text: t('templates.tooMany') });
    setNote(null);
    onChange(mode === 'replace' ? template.messages : [...messages, ...template.messages]);
  };
  const save = async () => {
    const r = await templatesApi.save(name.trim(), messages);
    if (!r.ok) return r.code === 'conflict:template_name' ? setNote({ ok: false, text: t('templates.exists') }) : failed(r.message);
    setNote({ ok: true, text: t('templates.saved').replace('{name}', name.trim()) });
    setName('');
    await load();
  };
  const remove = async () => {
    if (!template || !window.confirm(t('templates.deleteConfirm').replace('{name}', template.name))) return;
    const r = await templatesApi.remove(template.id);
    if (!r.ok) return failed(r.message);
    setChosen('');
    await load();
  };

  if (readOnly) return null;
  return (
    <section className="space-y-1.5 rounded-md border border-slate-200 p-2 [fieldset:disabled_&]:hidden" data-testid={testId}>
      <h3 className="text-xs font-semibold text-slate-700">{t('templates.title')}</h3>
      <p className="text-[11px] text-slate-500">{t('templates.help')}</p>
      {templates.length === 0 ? (
        <p className="text-xs text-slate-500">{t('templates.empty')}</p>
      ) : (
        <div className="flex items-center gap-1">
          <div className="min-w-0 flex-1">
            <Select
              value={chosen}
              options={[
                { value: '', label: t('templates.pick') },
                ...templates.map((x) => ({ value: x.id, label: `${x.name}（${x.messages.length}）` })),
              ]}
              onChange={setChosen}
              testId={`${testId}-pick`}
            />
          </div>
          {template && (
            <>
              <SmallButton onClick={() => use('replace')} testId={`${testId}-replace`}>
                {t('templates.replace')}
              </SmallButton>
              <SmallButton onClick={() => use('append')} testId={`${testId}-append`}>
                {t('templates.append')}
              </SmallButton>
              <SmallButton tone="danger" onClick={() => void remove()} testId={`${testId}-delete`}>
                {t('templates.delete')}
              </SmallButton>
            </>
          )}
        </div>
      )}
      <div className="flex items-center gap-1">
        <div className="min-w-0 flex-1">
          <TextInput value={name} placeholder={t('templates.name')} onChange={setName} testId={`${testId}-name`} />
        </div>
        {name.trim() !== '' && messages.length > 0 && (
          <SmallButton onClick={() => void save()} testId={`${testId}-save`}>
            {t('templates.save')}
          </SmallButton>
        )}
      </div>
      {note && (
        <p className={`text-xs ${note.ok ? 'text-emerald-700' : 'text-rose-700'}`} role="status" data-testid={`${testId}-note`}>
          {note.text}
        </p>
      )}
    </section>
  );
}
