'use client';
// Wait-for-event editor: the event to wait for and how long; "happened" and "timed out" lead on separately.
import { useT } from '../../editor-context';
import { Field, TextInput, useIssuesAt } from '../../inspector/fields';
import { WaitFields } from '../wait/form';
import type { KindFormProps } from '../types';

export function WaitForEventForm({ id, data, onChange }: KindFormProps<'wait_for_event'>) {
  const t = useT();
  const issues = useIssuesAt(id, ['eventName']);
  return (
    <div className="space-y-3">
      <Field label={t('editor.wfe.eventName')} issues={issues} hint={t('editor.wfe.hint')}>
        <TextInput value={data.eventName} onChange={(eventName) => onChange({ ...data, eventName })} testId={`wfe-event-${id}`} />
      </Field>
      <div className="text-xs font-semibold text-slate-600">{t('editor.wfe.timeout')}</div>
      <WaitFields
        id={id}
        value={data.timeout}
        onChange={(timeout) => onChange({ ...data, timeout })}
        base={['timeout']}
        allowDate={false}
      />
    </div>
  );
}
