'use server';
// The dev form on /link: the typed member id is believed, so only in development without a shop login configured
// (anyone could type anyone's id); then the nonce is stored and the browser goes on to LINE's account-link dialog.
import { redirect } from 'next/navigation';
import { appDeps } from '@/lib/app-deps';
import { publicAction } from '@/lib/auth/guard';
import { env } from '@/lib/env';
import { toActionError, type ActionError } from '@/lib/errors';
import { completeAccountLink } from '@/lib/line/account-link';
import { linkMode } from '@/lib/links/link-mode';

export const linkAccountAction = publicAction(
  'account_link_token',
  async (_prev: ActionError | null, form: FormData): Promise<ActionError | null> => {
    // The action is reachable through any page's URL: it checks the mode itself, as the page does.
    if (linkMode(env()).kind !== 'typed') return { code: 'not_found', message: 'not found', issues: [] };
    let dialog: string;
    try {
      dialog = await completeAccountLink(appDeps(), {
        linkToken: form.get('linkToken'),
        state: form.get('state'),
        memberId: form.get('memberId'),
      });
    } catch (err) {
      return toActionError(err);
    }
    redirect(dialog);
  },
);
