'use client';
// The 一斉配信 composer: the broadcast is a one-step scenario held in an editor store of its own, so the send step's
// message form, the condition builder and validation are the canvas's own; the page's server actions save it, count
// its audience, test-send it and schedule it (publish). Only what the role may do is offered.
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { EditorProvider, useEditor, useEditorStore } from '@/components/editor/editor-context';
import { SendForm } from '@/components/editor/nodes/send/form';
import { createEditorStore } from '@/components/editor/store';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionError, ActionResult } from '@/lib/ui-types';
import { BROADCAST_NODES, broadcastGraph, readBroadcast, type BroadcastFields, type Schedule } from '@/scenario/broadcast-draft';
import type { AccountQuietHours } from '@/scenario/quiet-hours';
import type { AttributeDefinition } from '@/scenario/schema';
import { AudienceField, type CountAction } from './audience-field';
import { ConfirmPublish } from './confirm-publish';
import { broadcastErrorText } from './error-text';
import { QuietHoursChoice } from './quiet-hours-choice';
import { ScheduleField } from './schedule-field';
import { TestSendBox, type TestSendAction } from './test-send-box';

/** What the server actions take: the screen's fields (the server builds the scenario from them). */
export type BroadcastPayload = {
  id: string | null;
  revision: number | null;
  name: string;
  send: BroadcastFields['send'];
  audience: BroadcastFields['audience'];
  quietHours: Exclude<BroadcastFields['quietHours'], undefined> | null;
  schedule: Schedule;
};

export interface ComposerActions {
  count: CountAction;
  save: (p: BroadcastPayload) => Promise<ActionResult<{ id: string; revision: number }>>;
  /** Null when the role may not test-send or schedule. */
  testSend: TestSendAction | null;
  schedule: ((p: BroadcastPayload) => Promise<ActionResult<{ id: string }>>) | null;
}

export interface ComposerProps {
  lang: Lang;
  initial: { id: string | null; revision: number | null; name: string; fields: BroadcastFields; schedule: Schedule };
  attributes: AttributeDefinition[];
  accountQuietHours: AccountQuietHours;
  testFriends: string[];
  suggestedAt: string;
  serverNow: number;
  actions: ComposerActions;
}

export function BroadcastComposer(props: ComposerProps) {
  const [store] = useState(() =>
    createEditorStore({
      graph: broadcastGraph(props.initial.fields, 'composer'),
      revision: props.initial.revision ?? 0,
      name: props.initial.name,
      lang: props.lang,
      attributes: props.attributes,
      accountQuietHours: props.accountQuietHours,
    }),
  );
  return (
    <EditorProvider value={store}>
      <Composer {...props} />
    </EditorProvider>
  );
}

const section = 'space-y-2 rounded-lg border border-slate-200 bg-white p-4';
const heading = 'text-sm font-bold text-slate-800';

function Composer({ lang, initial, testFriends, suggestedAt, serverNow, actions }: ComposerProps) {
  const router = useRouter();
  const store = useEditorStore();
  const name = useEditor((s) => s.name);
  const setName = useEditor((s) => s.setName);
  const updateStep = useEditor((s) => s.updateStep);
  const send = useEditor((s) => s.nodes.find((n) => n.id === BROADCAST_NODES.send)?.data.step);
  const trigger = useEditor((s) => s.nodes.find((n) => n.id === BROADCAST_NODES.trigger)?.data.step);
  const [schedule, setSchedule] = useState<Schedule>(initial.schedule);
  const [count, setCount] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, start] = useTransition();
  // The draft's id and revision once saved (kept across saves without reloading the page).
  const saved = useRef({ id: initial.id, revision: initial.revision });

  const payload = (): BroadcastPayload | null => {
    const fields = readBroadcast(store.getState().graph());
    if (!fields) return null;
    const { send: s, audience, quietHours } = fields;
    return { ...saved.current, name: store.getState().name, send: s, audience, quietHours: quietHours ?? null, schedule };
  };
  const save = async (): Promise<string | null> => {
    const p = payload();
    if (!p) return null;
    const r = await actions.save(p);
    if (!r.ok) {
      setError(r.error);
      return null;
    }
    saved.current = { id: r.id, revision: r.revision };
    // The address names the draft from now on, so a reload opens it (no navigation: the form keeps its state).
    if (!initial.id) window.history.replaceState(null, '', `/broadcasts/${r.id}`);
    return r.id;
  };
  const clear = () => {
    setError(null);
    setNotice(null);
  };
  // A change of plan answers the last refusal: its message would only confuse from now on.
  const changeSchedule = (next: Schedule) => {
    clear();
    setSchedule(next);
  };
  const run = (fn: () => Promise<void>) =>
    start(async () => {
      clear();
      await fn();
    });
  const publish = () =>
    run(async () => {
      const p = payload();
      if (!p || !actions.schedule) return;
      setConfirming(false);
      const r = await actions.schedule(p);
      if (!r.ok) {
        setError(r.error);
        return;
      }
      router.push(`/broadcasts/${r.id}`);
      router.refresh();
    });

  if (send?.kind !== 'send' || trigger?.kind !== 'trigger' || trigger.data.trigger.type !== 'segment_broadcast') return null;
  const spec = trigger.data.trigger;
  const shownError = error ? broadcastErrorText(lang, error) : null;
  return (
    <div className="space-y-4" data-testid="broadcast-composer">
      <div className={section}>
        <label className="block">
          <span className={heading}>{t(lang, 'broadcasts.name')}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t(lang, 'broadcasts.namePlaceholder')}
            className="mt-1 block w-full max-w-md rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            data-testid="broadcast-name"
          />
          <span className="text-xs text-slate-500">{t(lang, 'broadcasts.nameHint')}</span>
        </label>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className={section}>
          <h2 className={heading}>{t(lang, 'broadcasts.step.message')}</h2>
          <SendForm
            id={BROADCAST_NODES.send}
            data={send.data}
            onChange={(data) => updateStep(BROADCAST_NODES.send, { kind: 'send', data })}
          />
        </div>
        <div className="space-y-4">
          <div className={section}>
            <h2 className={heading}>{t(lang, 'broadcasts.step.audience')}</h2>
            <AudienceField
              lang={lang}
              audience={spec.audience}
              countAction={actions.count}
              onCount={setCount}
              onChange={(audience) =>
                updateStep(BROADCAST_NODES.trigger, { kind: 'trigger', data: { ...trigger.data, trigger: { ...spec, audience } } })
              }
            />
          </div>
          <div className={section}>
            <h2 className={heading}>{t(lang, 'broadcasts.step.when')}</h2>
            <ScheduleField lang={lang} schedule={schedule} suggestedAt={suggestedAt} serverNow={serverNow} onChange={changeSchedule} />
          </div>
          <div className={section}>
            <h2 className={heading}>{t(lang, 'broadcasts.step.quiet')}</h2>
            <QuietHoursChoice lang={lang} />
          </div>
          {actions.testSend ? (
            <div className={section}>
              <h2 className={heading}>{t(lang, 'broadcasts.step.test')}</h2>
              <TestSendBox
                lang={lang}
                testFriends={testFriends}
                save={() => {
                  clear();
                  return save();
                }}
                testSend={actions.testSend}
              />
            </div>
          ) : null}
        </div>
      </div>
      {shownError ? (
        <div role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800" data-testid="broadcast-error">
          {shownError.text}
          {shownError.lines.length > 0 ? (
            <ul className="mt-1 list-disc pl-5">
              {shownError.lines.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {notice ? (
        <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-800" data-testid="broadcast-notice">
          {notice}
        </p>
      ) : null}
      {confirming ? (
        <ConfirmPublish
          lang={lang}
          schedule={schedule}
          count={count}
          pending={pending}
          onGo={publish}
          onBack={() => setConfirming(false)}
        />
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            disabled={pending}
            data-testid="broadcast-save"
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50 disabled:opacity-50"
            onClick={() =>
              run(async () => {
                if (await save()) setNotice(t(lang, 'broadcasts.saved'));
              })
            }
          >
            {t(lang, 'broadcasts.save')}
          </button>
          {actions.schedule ? (
            <button
              type="button"
              disabled={pending}
              data-testid="broadcast-submit"
              className="rounded-md bg-line px-4 py-2 text-sm font-medium text-white hover:bg-line-dark disabled:opacity-50"
              onClick={() => {
                clear();
                setConfirming(true);
              }}
            >
              {t(lang, schedule.mode === 'now' ? 'broadcasts.sendNow' : 'broadcasts.schedule')}
            </button>
          ) : (
            <p className="text-xs text-slate-500">{t(lang, 'broadcasts.publishOnly')}</p>
          )}
          {pending ? <span className="text-sm text-slate-500">{t(lang, 'broadcasts.working')}</span> : null}
        </div>
      )}
    </div>
  );
}
