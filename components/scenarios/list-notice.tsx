'use client';
// The scenario list's one-line notice (what an action just did, or why it was refused), above the table: it outlives the
// row that caused it, which an archive or delete takes off the list.
import Link from 'next/link';
import { X } from 'lucide-react';
import { createContext, useContext, useState, type ReactNode } from 'react';

export type ListNoticeMessage = { text: string; tone: 'ok' | 'error'; link?: { href: string; label: string } };

const NoticeContext = createContext<(n: ListNoticeMessage | null) => void>(() => undefined);
export const useListNotice = () => useContext(NoticeContext);

export function ListNotice({ closeLabel, children }: { closeLabel: string; children: ReactNode }) {
  const [notice, setNotice] = useState<ListNoticeMessage | null>(null);
  return (
    <NoticeContext.Provider value={setNotice}>
      {notice ? (
        <div
          role={notice.tone === 'error' ? 'alert' : 'status'}
          data-testid="list-notice"
          className={`mb-4 flex items-center gap-3 rounded-md border px-4 py-2 text-sm ${notice.tone === 'error' ? 'border-rose-200 bg-rose-50 text-rose-900' : 'border-emerald-200 bg-emerald-50 text-emerald-900'}`}
        >
          <span>{notice.text}</span>
          {notice.link ? (
            <Link href={notice.link.href} className="font-semibold underline">
              {notice.link.label}
            </Link>
          ) : null}
          <button type="button" className="ml-auto" onClick={() => setNotice(null)} aria-label={closeLabel}>
            <X className="h-4 w-4" aria-hidden />
          </button>
        </div>
      ) : null}
      {children}
    </NoticeContext.Provider>
  );
}
