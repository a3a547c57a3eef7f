// The first-run checklist: connect the LINE channel, define attributes, publish the welcome scenario — each with where
// it is done and whether it is, read from the database every time (so an item ticks itself once done).
import 'server-only';
import type { DbOrTx } from '@/db/client';
import { firstRunFacts } from '@/db/queries/onboarding';

export type FirstRunItemId = 'channel' | 'attributes' | 'publish';
export interface FirstRunItem {
  id: FirstRunItemId;
  done: boolean;
  href: string;
  /** Dev mode: the sandbox phone stands in for LINE; the publish item without its sample links to the list. */
  variant: 'dev' | 'noSample' | null;
}

/** Every item with its state; null once all are done (the checklist is then not shown again). */
export async function firstRunChecklist(db: DbOrTx, opts: { devMode: boolean }): Promise<FirstRunItem[] | null> {
  const f = await firstRunFacts(db);
  const items: FirstRunItem[] = [
    { id: 'channel', done: f.channelConnected, href: opts.devMode ? '/sandbox' : '/settings', variant: opts.devMode ? 'dev' : null },
    { id: 'attributes', done: f.attributesDefined, href: '/settings#attributes', variant: null },
    f.welcome
      ? { id: 'publish', done: f.welcome.published || f.published, href: `/scenarios/${f.welcome.id}`, variant: null }
      : { id: 'publish', done: f.published, href: '/scenarios', variant: 'noSample' },
  ];
  return items.every((i) => i.done) ? null : items;
}
