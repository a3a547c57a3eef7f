// The friends search bar: a plain GET form, so every filter is a shareable URL. A viewer (names only) searches by
// display name and nothing else: the other filters would reveal tags, attributes and block state.
import Link from 'next/link';
import { pageHref, type FriendsSearchParams } from '@/lib/friends/search-params';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { AttributeDefinitionRow } from '@/lib/ui-types';

const input = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

export function FriendsFilter({
  lang,
  params,
  details,
}: {
  lang: Lang;
  params: FriendsSearchParams;
  /** Tags and attribute definitions to filter by; null for a names-only role. */
  details: { tags: { tag: string; count: number }[]; defs: AttributeDefinitionRow[] } | null;
}) {
  // Keyed by the filters in the URL: after a client-side navigation (Clear) the uncontrolled inputs start from the new URL.
  return (
    <form
      key={pageHref(params, 1)}
      method="get"
      action="/friends"
      className="mb-4 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3"
      role="search"
    >
      <label className="flex flex-col text-xs text-slate-500">
        {t(lang, 'friends.search')}
        <input
          name="q"
          defaultValue={params.q ?? ''}
          placeholder={t(lang, details ? 'friends.searchPlaceholder' : 'friends.col.name')}
          className={`${input} w-64`}
        />
      </label>
      {details ? (
        <>
          <label className="flex flex-col text-xs text-slate-500">
            {t(lang, 'friends.tag')}
            <select name="tag" defaultValue={params.tag ?? ''} className={input}>
              <option value="">{t(lang, 'friends.any')}</option>
              {details.tags.map((tg) => (
                <option key={tg.tag} value={tg.tag}>
                  {tg.tag} ({tg.count})
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-xs text-slate-500">
            {t(lang, 'friends.attribute')}
            <select name="attr" defaultValue={params.attr ?? ''} className={input}>
              <option value="">{t(lang, 'friends.any')}</option>
              {details.defs.map((d) => (
                <option key={d.key} value={d.key}>
                  {d.label} ({d.key})
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-xs text-slate-500">
            {t(lang, 'friends.attributeValue')}
            <input name="val" defaultValue={params.val ?? ''} className={`${input} w-32`} />
          </label>
          <label className="flex flex-col text-xs text-slate-500">
            {t(lang, 'friends.status')}
            <select name="status" defaultValue={params.status ?? ''} className={input}>
              <option value="">{t(lang, 'friends.any')}</option>
              <option value="active">{t(lang, 'friends.status.active')}</option>
              <option value="blocked">{t(lang, 'friends.status.blocked')}</option>
            </select>
          </label>
        </>
      ) : null}
      <button type="submit" className="rounded-md bg-line px-4 py-1.5 text-sm font-medium text-white hover:bg-line-dark">
        {t(lang, 'friends.filter')}
      </button>
      <Link href="/friends" className="px-2 py-1.5 text-sm text-slate-500 underline">
        {t(lang, 'friends.clear')}
      </Link>
    </form>
  );
}
