'use client';
// Version history: every published version, the live one marked, with who published it; each opens the side-by-side
// compare with the version before it, where a version can be restored as the draft.
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { formatInstant } from '@/lib/format';
import { api } from './api';
import { useEditor, useT } from './editor-context';

type Version = { id: string; version: number; hash: string; publishedBy: string; publishedAt: Date };

export function VersionHistory({
  scenarioId,
  liveVersion,
  refreshKey,
}: {
  scenarioId: string;
  liveVersion: number | null;
  refreshKey: number;
}) {
  const t = useT();
  const lang = useEditor((s) => s.lang);
  const zone = useEditor((s) => s.settings.timeZone);
  const [versions, setVersions] = useState<Version[] | null>(null);
  useEffect(() => {
    void api.versions(scenarioId).then((r) => setVersions(r.ok ? r.data.versions : []));
  }, [scenarioId, refreshKey]);
  if (!versions) return <p className="p-4 text-sm text-slate-500">…</p>;
  if (versions.length === 0) return <p className="p-4 text-sm text-slate-500">{t('editor.history.none')}</p>;
  return (
    <div>
      <Link
        href={`/scenarios/${scenarioId}/versions`}
        className="block border-b border-slate-100 px-4 py-2 text-sm font-medium text-line-dark hover:underline"
        data-testid="compare-versions"
      >
        {t('editor.history.compareAll')}
      </Link>
      <ul className="divide-y divide-slate-100" data-testid="version-history">
        {versions.map((v) => (
          <li key={v.id} className="flex items-center gap-2 px-4 py-2 text-sm">
            <span className="font-semibold">v{v.version}</span>
            {v.version === liveVersion && (
              <span className="rounded-full bg-green-100 px-2 text-xs text-green-800">{t('editor.history.live')}</span>
            )}
            <span className="min-w-0 truncate text-xs text-slate-600" title={v.publishedBy} data-testid="version-publisher">
              {v.publishedBy}
            </span>
            <span className="ml-auto shrink-0 text-xs text-slate-500">{formatInstant(v.publishedAt, lang, zone)}</span>
            <code className="text-[10px] text-slate-400" title={v.hash}>
              {v.hash.slice(0, 7)}
            </code>
            {v.version > 1 && (
              <Link
                href={`/scenarios/${scenarioId}/versions?a=${v.version - 1}&b=${v.version}`}
                className="shrink-0 text-xs text-line-dark hover:underline"
                data-testid={`compare-v${v.version}`}
                title={t('editor.history.compare')}
              >
                {`v${v.version - 1} ↔ v${v.version}`}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
