'use server';
// Rich menus: save a draft (editors), publish to LINE, make one the default and change the per-segment rules
// (publishers: these change what friends see at once). Each is audited with ids only.
// policy: session, scenarios:edit (save); session, scenarios:publish (publish, default, rules)
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { listRichMenus, replaceRichMenuRules } from '@/db/queries/rich-menus';
import { appDeps } from '@/lib/app-deps';
import { actorOf } from '@/lib/audit/actor';
import { recordAudit } from '@/lib/audit/record';
import { guardedAction } from '@/lib/auth/guard';
import { AppError, parseOrThrow, toActionError } from '@/lib/errors';
import { publishRichMenu, setDefaultRichMenu } from '@/lib/rich-menus/publish';
import { saveRichMenu } from '@/lib/rich-menus/save';
import type { ActionResult } from '@/lib/ui-types';
import { RichMenuRuleSchema } from '@/scenario/rich-menu';

export const saveRichMenuAction = guardedAction('scenarios:edit', async (caller, input: unknown): Promise<ActionResult<{ id: string }>> => {
  try {
    const { db, now } = appDeps();
    const { id } = await db.transaction(async (tx) => {
      const saved = await saveRichMenu(tx, input, { email: caller.operator.email, now: now() });
      await recordAudit(tx, actorOf(caller), { action: 'rich_menu_saved', object: { type: 'rich_menu', id: saved.id } });
      return saved;
    });
    revalidatePath('/rich-menus');
    return { ok: true, id };
  } catch (err) {
    return { ok: false, error: toActionError(err) };
  }
});

export const publishRichMenuAction = guardedAction(
  'scenarios:publish',
  async (caller, menuId: unknown): Promise<ActionResult<{ lineRichMenuId: string }>> => {
    try {
      const deps = appDeps();
      const id = parseOrThrow(z.uuid(), menuId, 'rich_menu_id');
      const r = await publishRichMenu(deps, id);
      await recordAudit(deps.db, actorOf(caller), {
        action: 'rich_menu_published',
        object: { type: 'rich_menu', id },
        detail: { lineRichMenuId: r.lineRichMenuId },
      });
      revalidatePath('/rich-menus');
      return { ok: true, ...r };
    } catch (err) {
      return { ok: false, error: toActionError(err) };
    }
  },
);

export const setDefaultRichMenuAction = guardedAction('scenarios:publish', async (caller, menuId: unknown): Promise<ActionResult> => {
  try {
    const deps = appDeps();
    const id = parseOrThrow(z.uuid().nullable(), menuId, 'rich_menu_id');
    await setDefaultRichMenu(deps, id);
    await recordAudit(deps.db, actorOf(caller), { action: 'rich_menu_default_set', object: { type: 'rich_menu', id: id ?? 'none' } });
    revalidatePath('/rich-menus');
    return { ok: true };
  } catch (err) {
    return { ok: false, error: toActionError(err) };
  }
});

export const saveRichMenuRulesAction = guardedAction('scenarios:publish', async (caller, rules: unknown): Promise<ActionResult> => {
  try {
    const { db } = appDeps();
    const parsed = parseOrThrow(z.array(RichMenuRuleSchema).max(50), rules, 'rules');
    await db.transaction(async (tx) => {
      const known = new Set((await listRichMenus(tx)).map((m) => m.id));
      const bad = parsed.findIndex((r) => !known.has(r.menuId));
      if (bad >= 0)
        throw new AppError('invalid:rules', 'a rule names a menu that does not exist', [
          { path: [bad, 'menuId'], message: 'unknown menu' },
        ]);
      await replaceRichMenuRules(tx, parsed);
      await recordAudit(tx, actorOf(caller), {
        action: 'rich_menu_rules_changed',
        object: { type: 'rich_menu_rules', id: 'all' },
        detail: { rules: parsed.length },
      });
    });
    revalidatePath('/rich-menus');
    return { ok: true };
  } catch (err) {
    return { ok: false, error: toActionError(err) };
  }
});
