'use client';
// An inflow route's settings form (create or edit): name, tags, attributes, the scenario to start, re-attribution and
// the landing URL. The save action comes from the page as a prop.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionResult } from '@/lib/ui-types';
import { LabeledText } from '../ui/labeled-text';

export interface RouteDraft {
  name: string;
  tags: string;
  attributes: string;
  scenarioId: string;
  reattribute: boolean;
  redirectUrl: string;
}

type Attr = string | number | boolean;

/** "key=value" lines: numbers and true/false as such (the server checks them against the definitions). */
function parseAttributes(text: string): Record<string, Attr> {
  const out: Record<string, Attr> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq < 1) continue;
    const key = line.slice(0, eq).trim();
    const raw = line.slice(eq + 1).trim();
    out[key] = raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return out;
}

export function RouteForm(props: {
  lang: Lang;
  routeId: string | null;
  initial: RouteDraft;
  scenarios: { id: string; name: string }[];
  canEdit: boolean;
  save: (id: string | null, input: unknown) => Promise<ActionResult<{ id: string }>>;
}) {
  const { lang } = props;
  const router = useRouter();
  const [d, setD] = useState(props.initial);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const set = <K extends keyof RouteDraft>(k: K, v: RouteDraft[K]) => setD({ ...d, [k]: v });

  const submit = () =>
    start(async () => {
      const r = await props.save(props.routeId, {
        name: d.name,
        tags: d.tags
          .split(/[,、]/)
          .map((s) => s.trim())
          .filter(Boolean),
        attributes: parseAttributes(d.attributes),
        scenarioId: d.scenarioId || null,
        reattribute: d.reattribute,
        redirectUrl: d.redirectUrl.trim() || null,
      });
      if (!r.ok) {
        setMessage([r.error.message, ...r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)].join(' / '));
        return;
      }
      setMessage(t(lang, 'inflow.form.saved'));
      if (props.routeId === null) router.push(`/routes/${r.id}`);
      else router.refresh();
    });

  const input = 'mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm disabled:bg-slate-50';
  return (
    <form
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <LabeledText
        labelClassName="block text-sm"
        inputClassName={input}
        label={t(lang, 'inflow.form.name')}
        value={d.name}
        disabled={!props.canEdit}
        onChange={(v) => set('name', v)}
        testId="route-name"
      />
      <LabeledText
        labelClassName="block text-sm"
        inputClassName={input}
        label={t(lang, 'inflow.form.tags')}
        value={d.tags}
        disabled={!props.canEdit}
        onChange={(v) => set('tags', v)}
        testId="route-tags"
      />
      <LabeledText
        labelClassName="block text-sm"
        inputClassName={input}
        label={t(lang, 'inflow.form.attributes')}
        value={d.attributes}
        disabled={!props.canEdit}
        onChange={(v) => set('attributes', v)}
        testId="route-attributes"
        rows={2}
      />
      <label className="block text-sm">
        {t(lang, 'inflow.form.scenario')}
        <select
          className={input}
          value={d.scenarioId}
          disabled={!props.canEdit}
          onChange={(e) => set('scenarioId', e.target.value)}
          data-testid="route-scenario"
        >
          <option value="">{t(lang, 'inflow.form.scenarioNone')}</option>
          {props.scenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={d.reattribute}
          disabled={!props.canEdit}
          onChange={(e) => set('reattribute', e.target.checked)}
          data-testid="route-reattribute"
        />
        {t(lang, 'inflow.form.reattribute')}
      </label>
      <LabeledText
        labelClassName="block text-sm"
        inputClassName={input}
        label={t(lang, 'inflow.form.redirectUrl')}
        value={d.redirectUrl}
        disabled={!props.canEdit}
        onChange={(v) => set('redirectUrl', v)}
        placeholder="https://"
        testId="route-redirect"
      />
      {props.canEdit ? (
        <div className="flex items-center gap-3">
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-line px-4 py-2 text-sm font-medium text-white hover:bg-line-dark disabled:opacity-50"
            data-testid="route-save"
          >
            {t(lang, props.routeId ? 'inflow.form.save' : 'inflow.form.create')}
          </button>
          {message ? (
            <span className="text-sm text-slate-600" data-testid="route-message">
              {message}
            </span>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
