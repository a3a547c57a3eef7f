'use client';
// Trigger editor: how friends enter, an optional entry filter and the re-entry policy.
import { regexProblem, regexProblemText } from '@/scenario/keyword-rules';
import type { TriggerSpec } from '@/scenario/schema';
import { useEditor, useT } from '../../editor-context';
import { ConditionBuilder } from '../../inspector/condition-builder';
import { Check, Field, Select, TextInput, useIssuesAt } from '../../inspector/fields';
import type { KindFormProps } from '../types';

function fresh(type: TriggerSpec['type']): TriggerSpec {
  switch (type) {
    case 'friend_added':
      return { type, includeRefollow: false };
    case 'event':
      return { type, eventName: 'purchase', filter: [] };
    case 'tag_added':
      return { type, tag: '' };
    case 'message_received':
      return { type, match: { mode: 'contains', pattern: 'クーポン', caseSensitive: false } };
    case 'route_added':
      return { type, routeCode: '' };
    case 'segment_broadcast':
      return { type, sendAt: '2030-01-01T10:00', audience: { type: 'all', conditions: [] } };
  }
}

export function TriggerForm({ id, data, onChange }: KindFormProps<'trigger'>) {
  const t = useT();
  const lang = useEditor((s) => s.lang);
  const tr = data.trigger;
  const setTrigger = (trigger: TriggerSpec) => onChange({ ...data, trigger });
  const triggerIssues = useIssuesAt(id, ['trigger']);
  return (
    <div className="space-y-3">
      <Field label={t('editor.trigger.type')}>
        <Select
          value={tr.type}
          testId={`trigger-type-${id}`}
          options={[
            { value: 'friend_added', label: t('editor.trigger.friendAdded') },
            { value: 'event', label: t('editor.trigger.event') },
            { value: 'tag_added', label: t('editor.trigger.tagAdded') },
            { value: 'message_received', label: t('editor.trigger.messageReceived') },
            { value: 'route_added', label: t('inflow.trigger.routeAdded') },
            { value: 'segment_broadcast', label: t('editor.trigger.broadcast') },
          ]}
          onChange={(type) => setTrigger(fresh(type))}
        />
      </Field>
      {tr.type === 'friend_added' && (
        <Check
          label={t('editor.trigger.includeRefollow')}
          checked={tr.includeRefollow}
          onChange={(includeRefollow) => setTrigger({ ...tr, includeRefollow })}
        />
      )}
      {tr.type === 'event' && (
        <Field label={t('editor.trigger.eventName')} issues={triggerIssues}>
          <TextInput value={tr.eventName} onChange={(eventName) => setTrigger({ ...tr, eventName })} />
        </Field>
      )}
      {tr.type === 'tag_added' && (
        <Field label={t('editor.trigger.tag')} issues={triggerIssues}>
          <TextInput value={tr.tag} onChange={(tag) => setTrigger({ ...tr, tag })} />
        </Field>
      )}
      {tr.type === 'route_added' && (
        <Field label={t('inflow.trigger.routeCode')} issues={triggerIssues} hint={t('inflow.trigger.routeCodeHint')}>
          <TextInput
            value={tr.routeCode}
            testId={`trigger-route-${id}`}
            onChange={(routeCode) => setTrigger({ ...tr, routeCode: routeCode.trim() })}
          />
        </Field>
      )}
      {tr.type === 'message_received' && (
        <>
          <Field label={t('autoReplies.form.mode')}>
            <Select
              value={tr.match.mode}
              testId={`trigger-match-mode-${id}`}
              options={[
                { value: 'exact', label: t('autoReplies.mode.exact') },
                { value: 'contains', label: t('autoReplies.mode.contains') },
                { value: 'regex', label: t('autoReplies.mode.regex') },
              ]}
              onChange={(mode) => setTrigger({ ...tr, match: { ...tr.match, mode } })}
            />
          </Field>
          <Field
            label={t('autoReplies.form.pattern')}
            issues={triggerIssues}
            hint={
              tr.match.mode === 'regex' && regexProblem(tr.match.pattern)
                ? t('autoReplies.error.invalidRegex').replace('{reason}', regexProblemText(regexProblem(tr.match.pattern) ?? '', lang))
                : t('autoReplies.form.patternHelp')
            }
          >
            <TextInput
              value={tr.match.pattern}
              testId={`trigger-match-pattern-${id}`}
              onChange={(pattern) => setTrigger({ ...tr, match: { ...tr.match, pattern } })}
            />
          </Field>
          <Check
            label={t('autoReplies.form.caseSensitive')}
            checked={tr.match.caseSensitive}
            onChange={(caseSensitive) => setTrigger({ ...tr, match: { ...tr.match, caseSensitive } })}
          />
        </>
      )}
      {tr.type === 'segment_broadcast' && (
        <>
          <Field label={t('editor.trigger.sendAt')}>
            <TextInput type="datetime-local" value={tr.sendAt} onChange={(sendAt) => setTrigger({ ...tr, sendAt })} />
          </Field>
          <Field label={t('editor.trigger.audience')}>
            <ConditionBuilder
              value={tr.audience}
              onChange={(audience) => setTrigger({ ...tr, audience })}
              testId={`trigger-audience-${id}`}
            />
          </Field>
        </>
      )}
      <div className="space-y-1">
        <Check
          label={t('editor.trigger.entryFilter')}
          checked={data.entryFilter !== null}
          onChange={(on) => onChange({ ...data, entryFilter: on ? { type: 'tag', tag: '', has: false } : null })}
        />
        {data.entryFilter && (
          <ConditionBuilder
            value={data.entryFilter}
            onChange={(entryFilter) => onChange({ ...data, entryFilter })}
            testId={`trigger-filter-${id}`}
          />
        )}
      </div>
      <Field label={t('editor.trigger.reEntry')}>
        <Select
          value={data.reEntry}
          testId={`trigger-reentry-${id}`}
          options={[
            { value: 'once', label: t('editor.trigger.once') },
            { value: 'after_exit', label: t('editor.trigger.afterExit') },
            { value: 'always', label: t('editor.trigger.always') },
          ]}
          onChange={(reEntry) => onChange({ ...data, reEntry })}
        />
      </Field>
    </div>
  );
}
