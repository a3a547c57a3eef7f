'use server';
// The member signed in on /link: store the nonce and send the browser on to LINE's account-link dialog.
import { redirect } from 'next/navigation';
import { appDeps } from '@/lib/app-deps';
import { publicAction } from '@/lib/auth/guard';
import { toActionError, type ActionError } from '@/lib/errors';
import { completeAccountLink } from '@/lib/line/account-link';

export const linkAccountAction = publicAction(
  'account_link_token',
  async (_prev: ActionError | null, form: FormData): Promise<ActionError | null> => {
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
