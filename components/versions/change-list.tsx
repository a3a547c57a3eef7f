// What changed from the older version to the newer one, in words: each added, removed or changed step (a changed step's
// summary before → after), then each changed setting as a sentence.
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { NodeDiff } from '@/scenario/diff';
import { NODE_LABELS, summaryOf } from '@/scenario/nodes';
import type { ScenarioGraph } from '@/scenario/schema';
import type { VersionComparison } from '@/scenario/version-compare';
import { settingChanges } from './settings-words';

function summary(graph: ScenarioGraph, id: string, lang: Lang): string {
  const n = graph.nodes.find((x) => x.id === id);
  return n ? summaryOf(n, lang, { timeZone: graph.settings.timeZone }) : '';
}

export function ChangeList(props: { lang: Lang; before: ScenarioGraph; after: ScenarioGraph; comparison: VersionComparison }) {
  const { lang, before, after } = props;
  const { diff } = props.comparison;
  const row = (n: NodeDiff, tone: string, sign: string, detail: string) => (
    <li key={`${sign}${n.id}`} className={`text-sm ${tone}`} data-testid={`change-${n.id}`}>
      <span className="font-semibold">
        {sign} {n.label ?? NODE_LABELS[n.kind][lang]}
      </span>{' '}
      <code className="text-[10px] text-slate-400" translate="no">
        {n.id}
      </code>
      {n.fields.length > 0 && (
        <span className="text-xs text-slate-500"> （{n.fields.map((f) => t(lang, `editor.diff.${f}`)).join('、')}）</span>
      )}
      {detail ? <div className="ml-4 text-xs text-slate-600">{detail}</div> : null}
    </li>
  );
  const settings = settingChanges(lang, diff.settings, before.settings, after.settings);
  const changedSummary = (id: string) => {
    const [a, b] = [summary(before, id, lang), summary(after, id, lang)];
    return a === b ? '' : `${a} → ${b}`;
  };
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="step-changes">
        <h2 className="mb-2 text-sm font-bold text-slate-700">{t(lang, 'versions.steps')}</h2>
        {diff.added.length + diff.removed.length + diff.changed.length === 0 ? (
          <p className="text-sm text-slate-500">{t(lang, 'versions.stepsNone')}</p>
        ) : (
          <ul className="space-y-1">
            {diff.added.map((n) => row(n, 'text-emerald-700', '+', summary(after, n.id, lang)))}
            {diff.changed.map((n) => row(n, 'text-violet-700', '~', changedSummary(n.id)))}
            {diff.removed.map((n) => row(n, 'text-rose-700', '−', summary(before, n.id, lang)))}
          </ul>
        )}
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="settings-changes">
        <h2 className="mb-2 text-sm font-bold text-slate-700">{t(lang, 'versions.settings')}</h2>
        {settings.length === 0 ? (
          <p className="text-sm text-slate-500">{t(lang, 'versions.settingsNone')}</p>
        ) : (
          <ul className="list-disc space-y-1 pl-5 text-sm text-violet-800">
            {settings.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
