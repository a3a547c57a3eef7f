'use server';
// policy: session, sandbox:use (dev only)
// Dev-mode helpers for the sandbox phone: start LINE's account-link flow for a friend (as a bot reply would), look
// up the Kizuna friend behind a sandbox user (to mark it as a test friend with the friends page's action), and list the
// messages quiet hours hold for them (the phone's note).
import { notFound } from 'next/navigation';
import { findFriendByLineUserId } from '@/db/queries/friends';
import { appDeps } from '@/lib/app-deps';
import { guardedAction } from '@/lib/auth/guard';
import { AppError, toActionError, type ActionError } from '@/lib/errors';
import { testFriendState } from '@/lib/friends/test-friend';
import { currentLang } from '@/lib/i18n/server';
import { accountLinkUrl } from '@/lib/line/account-link';
import { heldSendsOf, type HeldSend } from '@/lib/timing/held-sends';

export const accountLinkUrlAction = guardedAction(
  'sandbox:use',
  async (_caller, lineUserId: string): Promise<{ ok: true; url: string } | { ok: false; error: ActionError }> => {
    if (!appDeps().devMode) notFound();
    try {
      const deps = appDeps();
      const friend = await findFriendByLineUserId(deps.db, lineUserId);
      if (!friend) throw new AppError('not_found:friend', 'this friend has not reached Kizuna yet');
      return { ok: true, url: await accountLinkUrl(deps, friend.id) };
    } catch (err) {
      return { ok: false, error: toActionError(err) };
    }
  },
);

export const sandboxFriendAction = guardedAction(
  'sandbox:use',
  async (_caller, lineUserId: string): Promise<{ ok: true; friendId: string; isTest: boolean } | { ok: false; error: ActionError }> => {
    if (!appDeps().devMode) notFound();
    try {
      return { ok: true, ...(await testFriendState(appDeps().db, lineUserId)) };
    } catch (err) {
      return { ok: false, error: toActionError(err) };
    }
  },
);

export const heldSendsAction = guardedAction(
  'sandbox:use',
  async (_caller, lineUserId: string): Promise<{ ok: true; held: HeldSend[] } | { ok: false; error: ActionError }> => {
    if (!appDeps().devMode) notFound();
    try {
      return { ok: true, held: await heldSendsOf(appDeps().db, String(lineUserId).slice(0, 64), await currentLang()) };
    } catch (err) {
      return { ok: false, error: toActionError(err) };
    }
  },
);
