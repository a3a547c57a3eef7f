'use client';
// Switches the UI language by setting the `lang` cookie and re-rendering.
import { useRouter } from 'next/navigation';
import type { Lang } from '@/lib/i18n/dictionary';

export function LangSwitch({ lang, label }: { lang: Lang; label: string }) {
  const router = useRouter();
  return (
    <button
      type="button"
      className="text-xs text-slate-500 underline hover:text-slate-800"
      onClick={() => {
        document.cookie = `lang=${lang === 'ja' ? 'en' : 'ja'}; path=/; max-age=31536000; samesite=lax`;
        router.refresh();
      }}
    >
      {label}
    </button>
  );
}
