// Picks the two versions to compare (a plain GET form: a comparison is a shareable URL).
import { t, type Lang } from '@/lib/i18n/dictionary';

const select = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm';

export function VersionPicker(props: { lang: Lang; versions: { version: number }[]; a: number; b: number; liveVersion: number | null }) {
  const { lang } = props;
  const option = (v: { version: number }) => (
    <option key={v.version} value={v.version}>
      {`v${v.version}`}
      {v.version === props.liveVersion ? `（${t(lang, 'editor.history.live')}）` : ''}
    </option>
  );
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" data-testid="version-picker">
      <label className="flex flex-col text-xs text-slate-500">
        {t(lang, 'versions.before')}
        <select name="a" defaultValue={props.a} className={select} data-testid="pick-a">
          {props.versions.map(option)}
        </select>
      </label>
      <span className="pb-1.5 text-slate-400">↔</span>
      <label className="flex flex-col text-xs text-slate-500">
        {t(lang, 'versions.after')}
        <select name="b" defaultValue={props.b} className={select} data-testid="pick-b">
          {props.versions.map(option)}
        </select>
      </label>
      <button type="submit" className="rounded-md bg-line px-3 py-1.5 text-sm font-semibold text-white hover:bg-line-dark">
        {t(lang, 'versions.show')}
      </button>
    </form>
  );
}
