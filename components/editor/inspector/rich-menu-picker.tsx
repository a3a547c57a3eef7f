'use client';
// The switch-rich-menu action's menu: one of Kizuna's rich menus (listed from /api/rich-menus), its name kept for the canvas.
import { useEffect, useState } from 'react';
import { z } from 'zod';
import type { ActionSpec } from '@/scenario/schema';
import { useT } from '../editor-context';
import { Field, Select, useIssuesAt } from './fields';

const MenusResponse = z.object({ menus: z.array(z.object({ id: z.string(), name: z.string(), published: z.boolean() })) });
type SwitchAction = Extract<ActionSpec, { type: 'switch_rich_menu' }>;

export function RichMenuPicker({ id, value, onChange }: { id: string; value: SwitchAction; onChange: (a: ActionSpec) => void }) {
  const t = useT();
  const issues = useIssuesAt(id, ['action']);
  const [menus, setMenus] = useState<z.infer<typeof MenusResponse>['menus']>([]);
  useEffect(() => {
    let live = true;
    void fetch('/api/rich-menus', { cache: 'no-store' })
      .then((r) => r.json())
      .then((j: unknown) => {
        const parsed = MenusResponse.safeParse(j);
        if (live && parsed.success) setMenus(parsed.data.menus);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  const options = [
    ...(menus.some((m) => m.id === value.menuId) ? [] : [{ value: value.menuId, label: value.menuName || t('richMenus.pick') }]),
    ...menus.map((m) => ({ value: m.id, label: m.published ? m.name : `${m.name} (${t('richMenus.unpublished')})` })),
  ];
  return (
    <Field label={t('editor.action.richMenu')} issues={issues}>
      <Select
        value={value.menuId}
        options={options}
        testId={`action-rich-menu-${id}`}
        onChange={(menuId) => onChange({ type: 'switch_rich_menu', menuId, menuName: menus.find((m) => m.id === menuId)?.name ?? '' })}
      />
    </Field>
  );
}
