'use client';
// Under the toolbar of an archived scenario: why it is read-only and how to bring it back.
import { useT } from './editor-context';

export function ArchivedBanner() {
  const t = useT();
  return (
    <div className="border-b border-slate-300 bg-slate-100 px-4 py-2 text-sm text-slate-700" data-testid="archived-banner" role="status">
      {t('editor.archived.banner')}
    </div>
  );
}
