'use client';
// A friend's tags: remove with ×, add by typing (adding a tag can start scenarios triggered by it). Without the
// actions (a role that may not edit friends) the tags are only listed.
import { useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionResult } from '@/lib/ui-types';

/** Server actions the page passes in: tag or untag one friend. */
type TagAction = (friendId: string, tag: string) => Promise<ActionResult>;

export function TagEditor({
  lang,
  friendId,
  tags,
  addTagAction,
  removeTagAction,
}: {
  lang: Lang;
  friendId: string;
  tags: string[];
  addTagAction?: TagAction;
  removeTagAction?: TagAction;
}) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const act = (fn: () => Promise<ActionResult>) =>
    start(async () => {
      const r = await fn();
      setError(r.ok ? null : r.error.message);
    });
  return (
    <div data-testid="tag-editor">
      <div className="mb-2 flex flex-wrap gap-1.5">
        {tags.length === 0 ? <span className="text-sm text-slate-400">{t(lang, 'friend.noTags')}</span> : null}
        {tags.map((tag) => (
          <span key={tag} className="flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-2 pr-1 text-xs text-slate-700">
            {tag}
            {removeTagAction ? (
              <button
                type="button"
                aria-label={`${t(lang, 'friend.removeTag')} ${tag}`}
                disabled={pending}
                onClick={() => act(() => removeTagAction(friendId, tag))}
                className="rounded-full px-1 text-slate-400 hover:bg-slate-200 hover:text-slate-700"
              >
                ×
              </button>
            ) : null}
          </span>
        ))}
      </div>
      {addTagAction ? (
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const tag = draft.trim();
            if (!tag) return;
            act(async () => {
              const r = await addTagAction(friendId, tag);
              if (r.ok) setDraft('');
              return r;
            });
          }}
        >
          <input
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder={t(lang, 'friend.addTagPlaceholder')}
            className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
          <button
            type="submit"
            disabled={pending}
            className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-50"
          >
            {t(lang, 'friend.addTag')}
          </button>
        </form>
      ) : null}
      {error ? <p className="mt-1 text-xs text-rose-700">{error}</p> : null}
    </div>
  );
}
