'use client';
// Who the preview is for: a hypothetical friend described here, or a real one picked from the friends table.
import { useEffect, useState } from 'react';
import { DateTime } from 'luxon';
import type { AttributeDefinition, AttributeValue, FriendSnapshot } from '@/scenario/schema';
import { api } from '@/components/editor/api';
import { useT } from '@/components/editor/editor-context';
import { Check, Field, TextInput, inputClass } from '@/components/editor/inspector/fields';

export type PreviewFriend = { source: 'hypothetical' | 'real'; friend: FriendSnapshot };

const toLocalInput = (at: number, zone: string) => DateTime.fromMillis(at, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
const fromLocalInput = (v: string, zone: string) => DateTime.fromISO(v, { zone }).toMillis();

function parseValue(def: AttributeDefinition, raw: string): AttributeValue {
  if (raw === '') return null;
  if (def.type === 'number') return Number.isFinite(Number(raw)) ? Number(raw) : raw;
  if (def.type === 'boolean') return raw === 'true';
  return raw;
}

export function FriendForm(props: {
  scenarioId: string;
  zone: string;
  attributes: readonly AttributeDefinition[];
  value: PreviewFriend;
  onChange: (f: PreviewFriend) => void;
}) {
  const t = useT();
  const { friend } = props.value;
  const [query, setQuery] = useState('');
  const [choices, setChoices] = useState<{ id: string; displayName: string; isTest: boolean }[]>([]);
  const real = props.value.source === 'real';
  useEffect(() => {
    if (!real) return;
    const h = setTimeout(() => void api.previewFriends(props.scenarioId, query).then((r) => r.ok && setChoices(r.data.friends)), 200);
    return () => clearTimeout(h);
  }, [real, query, props.scenarioId]);
  const set = (patch: Partial<FriendSnapshot>) => props.onChange({ source: 'hypothetical', friend: { ...friend, ...patch } });
  return (
    <div className="space-y-2">
      <div className="flex gap-1 text-xs" role="radiogroup">
        {(['hypothetical', 'real'] as const).map((s) => (
          <button
            key={s}
            type="button"
            role="radio"
            aria-checked={props.value.source === s}
            data-testid={`preview-source-${s}`}
            onClick={() => props.onChange({ ...props.value, source: s })}
            className={`flex-1 rounded border px-2 py-1 ${props.value.source === s ? 'border-line bg-line/10 font-semibold' : 'border-slate-200'}`}
          >
            {t(s === 'real' ? 'preview.real' : 'preview.hypothetical')}
          </button>
        ))}
      </div>
      {real ? (
        <div className="space-y-1">
          <TextInput value={query} placeholder={t('preview.search')} onChange={setQuery} testId="preview-friend-search" />
          <select
            className={inputClass}
            size={Math.min(6, Math.max(2, choices.length))}
            value={friend.id}
            data-testid="preview-friend-list"
            onChange={(e) =>
              void api
                .friendSnapshot(props.scenarioId, e.target.value)
                .then((r) => r.ok && props.onChange({ source: 'real', friend: r.data.friend }))
            }
          >
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.displayName || c.id.slice(0, 8)} {c.isTest ? `(${t('preview.testFriend')})` : ''}
              </option>
            ))}
          </select>
          {choices.length === 0 && <p className="text-xs text-slate-500">{t('preview.noFriends')}</p>}
        </div>
      ) : (
        <div className="space-y-2">
          <div className="grid grid-cols-2 gap-2">
            <Field label={t('preview.displayName')}>
              <TextInput value={friend.displayName} onChange={(displayName) => set({ displayName })} testId="preview-name" />
            </Field>
            <Field label={t('preview.addedAt')}>
              <TextInput
                type="datetime-local"
                value={toLocalInput(friend.friendAddedAt, props.zone)}
                onChange={(v) => v && set({ friendAddedAt: fromLocalInput(v, props.zone) })}
                testId="preview-added"
              />
            </Field>
          </div>
          {props.attributes.map((a) => (
            <Field key={a.key} label={`${a.label} (${a.key})`}>
              {a.type === 'enum' ? (
                <select
                  className={inputClass}
                  value={String(friend.attributes[a.key] ?? '')}
                  onChange={(e) => set({ attributes: { ...friend.attributes, [a.key]: parseValue(a, e.target.value) } })}
                >
                  <option value="">—</option>
                  {(a.options ?? []).map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </select>
              ) : (
                <TextInput
                  type={a.type === 'date' ? 'date' : 'text'}
                  value={
                    friend.attributes[a.key] === undefined || friend.attributes[a.key] === null ? '' : String(friend.attributes[a.key])
                  }
                  onChange={(v) => set({ attributes: { ...friend.attributes, [a.key]: parseValue(a, v) } })}
                />
              )}
            </Field>
          ))}
          <Field label={t('preview.tags')}>
            <TextInput
              value={friend.tags.join(', ')}
              onChange={(v) =>
                set({
                  tags: v
                    .split(',')
                    .map((x) => x.trim())
                    .filter(Boolean),
                })
              }
              testId="preview-tags"
            />
          </Field>
          <Check label={t('preview.linked')} checked={friend.linked} onChange={(linked) => set({ linked })} />
        </div>
      )}
    </div>
  );
}
