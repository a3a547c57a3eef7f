// What the LINE edge and the friends/events APIs need from outside: database, LINE client, clock (the app's composition
// root, lib/app-deps.ts, provides them). Facts reach the engine through dispatch rows written with them.
import type { Db } from '@/db/client';
import type { LineClient } from '../line/client';

export interface EdgeDeps {
  db: Db;
  line: LineClient;
  now: () => Date;
  /** KIZUNA_SECRET: signs tracked links, member-link parameters and account-link state. */
  secret: string;
  /** APP_BASE_URL, for links we hand out. */
  appBaseUrl: string;
  /** KIZUNA_LIFF_ID: form links open through this LIFF app (https://liff.line.me/{id}); absent, the /f/{token} link. */
  liffId?: string | null;
  /** Where LINE's account-link dialog lives (access.line.me, or the sandbox in dev). */
  accountLinkDialogUrl: string;
}
