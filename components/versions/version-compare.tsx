'use client';
// The side-by-side compare: the older version on the left, the newer on the right, each on its own read-only canvas
// with removed / added / changed steps marked, a count of what changed, the changes in words, and on each side
// 「この版を下書きに戻す」 for operators who may edit.
import { useMemo } from 'react';
import { formatInstant } from '@/lib/format';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ScenarioGraph } from '@/scenario/schema';
import { compareVersions, type NodeMark } from '@/scenario/version-compare';
import { ChangeList } from './change-list';
import { DiffCanvas, MARK_STYLE } from './diff-canvas';
import { RestoreButton, type RestoreAction } from './restore-button';

export interface CompareSide {
  version: number;
  graph: ScenarioGraph;
  publishedAt: Date;
  publishedBy: string;
  isDraft: boolean;
}

const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (m, k: string) => String(vars[k] ?? m));

export function VersionCompare(props: {
  lang: Lang;
  scenarioId: string;
  before: CompareSide;
  after: CompareSide;
  liveVersion: number | null;
  draftRevision: number;
  draftDiffers: boolean;
  /** The restore action for operators who may edit a scenario that is not archived; null hides the buttons. */
  restore: RestoreAction | null;
}) {
  const { lang, before, after } = props;
  const comparison = useMemo(() => compareVersions(before.graph, after.graph), [before.graph, after.graph]);
  const { diff } = comparison;
  const pane = (side: CompareSide, marks: Record<string, NodeMark>, which: 'before' | 'after') => (
    <section className="flex min-w-0 flex-col overflow-hidden rounded-lg border border-slate-200 bg-white" data-testid={`pane-${which}`}>
      <header className="flex h-11 items-center gap-2 border-b border-slate-200 px-3">
        <span className="shrink-0 text-xs text-slate-500">{t(lang, `versions.${which}`)}</span>
        <span className="shrink-0 font-bold">v{side.version}</span>
        {side.version === props.liveVersion ? (
          <span className="shrink-0 rounded-full bg-green-100 px-2 text-xs text-green-800">{t(lang, 'editor.history.live')}</span>
        ) : null}
        <span className="min-w-0 truncate text-xs text-slate-500">
          {fill(t(lang, 'versions.publishedAt'), { at: formatInstant(side.publishedAt, lang) })}
          {' · '}
          {/* Who published: an operator's address, an identifier rather than words. */}
          <span translate="no">{side.publishedBy}</span>
        </span>
        <span className="ml-auto shrink-0">
          {props.restore ? (
            <RestoreButton
              lang={lang}
              scenarioId={props.scenarioId}
              version={side.version}
              draftRevision={props.draftRevision}
              isDraft={side.isDraft}
              draftDiffers={props.draftDiffers}
              action={props.restore}
            />
          ) : null}
        </span>
      </header>
      <div className="h-[58vh] min-h-80">
        <DiffCanvas key={side.version} graph={side.graph} marks={marks} lang={lang} testId={`canvas-${which}`} />
      </div>
    </section>
  );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="compare-summary">
        {diff.same ? (
          <span className="text-slate-600">{t(lang, 'versions.same')}</span>
        ) : (
          <span className="font-medium text-slate-800">
            {fill(t(lang, 'versions.summary'), {
              added: diff.added.length,
              removed: diff.removed.length,
              changed: diff.changed.length,
              same: comparison.unchanged,
            })}
          </span>
        )}
        <span className="ml-auto flex gap-3 text-xs text-slate-600">
          {(['added', 'removed', 'changed'] as const).map((m) => (
            <span key={m} className="flex items-center gap-1">
              <span className={`inline-block h-3 w-3 rounded-sm ${MARK_STYLE[m].tag}`} aria-hidden />
              {t(lang, `versions.legend.${m}`)}
            </span>
          ))}
        </span>
      </div>
      <div className="grid grid-cols-2 gap-4">
        {pane(before, comparison.before, 'before')}
        {pane(after, comparison.after, 'after')}
      </div>
      <ChangeList lang={lang} before={before.graph} after={after.graph} comparison={comparison} />
    </div>
  );
}
