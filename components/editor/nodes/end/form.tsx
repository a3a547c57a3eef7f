'use client';
// End editor: nothing to set, only what the step does.
import { useT } from '../../editor-context';
import type { KindFormProps } from '../types';

export function EndForm(_props: KindFormProps<'end'>) {
  const t = useT();
  return <p className="text-sm text-slate-500">{t('editor.end.help')}</p>;
}
