'use client';
// One tap area's action: a postback that becomes an event, a URI, a message the friend sends, or a switch to another menu.
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { RichMenuAreaAction } from '@/scenario/rich-menu';
import { LabeledText } from '../ui/labeled-text';

const INPUT = 'mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm';
const TYPES = ['postback', 'uri', 'message', 'switch'] as const;

function blank(type: (typeof TYPES)[number], menus: { id: string }[]): RichMenuAreaAction {
  switch (type) {
    case 'postback':
      return { type, event: 'menu_tap', displayText: '' };
    case 'uri':
      return { type, uri: 'https://' };
    case 'message':
      return { type, text: '' };
    case 'switch':
      return { type, toMenuId: menus[0]?.id ?? '00000000-0000-4000-8000-000000000000' };
  }
}

export function AreaActionForm({
  lang,
  action,
  menus,
  disabled,
  onChange,
}: {
  lang: Lang;
  action: RichMenuAreaAction;
  menus: { id: string; name: string }[];
  disabled: boolean;
  onChange: (a: RichMenuAreaAction) => void;
}) {
  return (
    <div className="space-y-2 text-sm">
      <label className="block">
        {t(lang, 'richMenus.action')}
        <select
          className={INPUT}
          value={action.type}
          disabled={disabled}
          data-testid="rich-menu-action-type"
          onChange={(e) => {
            const type = TYPES.find((x) => x === e.target.value);
            if (type) onChange(blank(type, menus));
          }}
        >
          {TYPES.map((x) => (
            <option key={x} value={x}>
              {t(lang, `richMenus.action.${x}`)}
            </option>
          ))}
        </select>
      </label>
      {action.type === 'postback' ? (
        <>
          <LabeledText
            inputClassName={INPUT}
            label={t(lang, 'richMenus.action.event')}
            value={action.event}
            disabled={disabled}
            onChange={(v) => onChange({ ...action, event: v })}
            testId="rich-menu-event"
          />
          <p className="text-xs text-slate-500">{t(lang, 'richMenus.action.eventHint')}</p>
          <LabeledText
            inputClassName={INPUT}
            label={t(lang, 'richMenus.action.displayText')}
            value={action.displayText}
            disabled={disabled}
            onChange={(v) => onChange({ ...action, displayText: v })}
          />
        </>
      ) : action.type === 'uri' ? (
        <LabeledText
          inputClassName={INPUT}
          label={'URL'}
          value={action.uri}
          disabled={disabled}
          onChange={(v) => onChange({ ...action, uri: v })}
          testId="rich-menu-uri"
        />
      ) : action.type === 'message' ? (
        <LabeledText
          inputClassName={INPUT}
          label={t(lang, 'richMenus.action.text')}
          value={action.text}
          disabled={disabled}
          onChange={(v) => onChange({ ...action, text: v })}
          testId="rich-menu-text"
        />
      ) : (
        <label className="block">
          {t(lang, 'richMenus.action.toMenu')}
          <select
            className={INPUT}
            value={action.toMenuId}
            disabled={disabled}
            onChange={(e) => onChange({ type: 'switch', toMenuId: e.target.value })}
            data-testid="rich-menu-switch-target"
          >
            {menus.length === 0 ? <option value={action.toMenuId}>{t(lang, 'richMenus.noOtherMenus')}</option> : null}
            {menus.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
