'use client';
// Scenario settings: name, how friends enter (the trigger), goal and its window, quiet hours, frequency cap, time zone.
// Read-only, they are shown inside a disabled fieldset.
import type { ScenarioSettings } from '@/scenario/schema';
import { useShallow } from 'zustand/react/shallow';
import { useEditor, useT } from './editor-context';
import { Check, Field, IssueText, NumberInput, READ_ONLY_FIELDSET, Select, TextInput } from './inspector/fields';
import { TriggerForm } from './nodes/trigger/form';
import { QuietHoursField } from './quiet-hours-field';
import { zoneName } from './zone-name';

const ZONES = ['Asia/Tokyo', 'Asia/Seoul', 'Asia/Taipei', 'Asia/Bangkok', 'Asia/Singapore', 'UTC', 'America/Los_Angeles', 'Europe/London'];

export function SettingsPanel() {
  const t = useT();
  const lang = useEditor((s) => s.lang);
  const name = useEditor((s) => s.name);
  const settings = useEditor((s) => s.settings);
  const trigger = useEditor((s) => s.nodes.find((n) => n.type === 'trigger'));
  const issues = useEditor(useShallow((s) => s.issues.filter((i) => i.path[0] === 'settings')));
  const setName = useEditor((s) => s.setName);
  const update = useEditor((s) => s.updateSettings);
  const readOnly = useEditor((s) => s.readOnly);
  const updateStep = useEditor((s) => s.updateStep);
  const set = (patch: Partial<ScenarioSettings>) => update({ ...settings, ...patch });
  const drop = (key: 'goal' | 'frequencyCap') => {
    const { [key]: _gone, ...rest } = settings;
    update(rest);
  };
  return (
    <fieldset disabled={readOnly} className={`min-w-0 space-y-5 p-4 ${READ_ONLY_FIELDSET}`} data-testid="settings-panel">
      <Field label={t('editor.settings.name')}>
        <TextInput value={name} onChange={setName} testId="settings-name" />
      </Field>
      <section className="space-y-2">
        <h3 className="text-xs font-bold uppercase text-slate-500">{t('editor.settings.entry')}</h3>
        {trigger && trigger.data.step.kind === 'trigger' ? (
          <TriggerForm
            id={trigger.id}
            data={trigger.data.step.data}
            onChange={(data) => updateStep(trigger.id, { kind: 'trigger', data })}
          />
        ) : (
          <p className="text-sm text-rose-700">{t('editor.settings.noTrigger')}</p>
        )}
      </section>
      <section className="space-y-2">
        <h3 className="text-xs font-bold uppercase text-slate-500">{t('editor.settings.goal')}</h3>
        <Check
          label={t('editor.settings.goalOn')}
          checked={!!settings.goal}
          onChange={(on) => (on ? set({ goal: { eventName: 'purchase', windowDays: 14, exitOnGoal: true } }) : drop('goal'))}
          testId="settings-goal"
        />
        {settings.goal && (
          <div className="space-y-2 pl-5">
            <Field label={t('editor.settings.goalEvent')}>
              <TextInput
                value={settings.goal.eventName}
                onChange={(eventName) => settings.goal && set({ goal: { ...settings.goal, eventName } })}
              />
            </Field>
            <Field label={t('editor.settings.goalWindow')}>
              <NumberInput
                value={settings.goal.windowDays}
                min={1}
                onChange={(windowDays) => settings.goal && set({ goal: { ...settings.goal, windowDays } })}
              />
            </Field>
            <Check
              label={t('editor.settings.exitOnGoal')}
              checked={settings.goal.exitOnGoal}
              onChange={(exitOnGoal) => settings.goal && set({ goal: { ...settings.goal, exitOnGoal } })}
            />
          </div>
        )}
      </section>
      <section className="space-y-2">
        <h3 className="text-xs font-bold uppercase text-slate-500">{t('editor.settings.guardrails')}</h3>
        <QuietHoursField />
        <Check
          label={t('editor.settings.frequencyCap')}
          checked={!!settings.frequencyCap}
          onChange={(on) => (on ? set({ frequencyCap: { maxSends: 3, mode: 'hold' } }) : drop('frequencyCap'))}
        />
        {settings.frequencyCap && (
          <div className="grid grid-cols-2 gap-2 pl-5">
            <Field label={t('editor.settings.maxSends')}>
              <NumberInput
                value={settings.frequencyCap.maxSends}
                min={1}
                onChange={(maxSends) => settings.frequencyCap && set({ frequencyCap: { ...settings.frequencyCap, maxSends } })}
              />
            </Field>
            <Field label={t('editor.settings.capMode')}>
              <Select
                value={settings.frequencyCap.mode}
                options={[
                  { value: 'hold', label: t('editor.settings.capHold') },
                  { value: 'skip', label: t('editor.settings.capSkip') },
                ]}
                onChange={(mode) => settings.frequencyCap && set({ frequencyCap: { ...settings.frequencyCap, mode } })}
              />
            </Field>
          </div>
        )}
      </section>
      <Field label={t('editor.settings.timeZone')} hint={t('editor.settings.zoneHint')}>
        <Select
          value={settings.timeZone}
          options={[...new Set([settings.timeZone, ...ZONES])].map((z) => ({ value: z, label: zoneName(z, lang) }))}
          onChange={(timeZone) => set({ timeZone })}
          testId="settings-zone"
        />
      </Field>
      <IssueText issues={issues} />
    </fieldset>
  );
}
