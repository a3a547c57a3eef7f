// React Flow's screen-reader words (controls, minimap, keyboard hints, edges) in the reader's language.
import type { AriaLabelConfig } from '@xyflow/react';
import { t, type Lang } from '@/lib/i18n/dictionary';

export function flowAriaLabels(lang: Lang): Partial<AriaLabelConfig> {
  return {
    'node.a11yDescription.default': t(lang, 'flow.aria.node'),
    'node.a11yDescription.keyboardDisabled': t(lang, 'flow.aria.nodeNoKeyboard'),
    'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) =>
      t(lang, 'flow.aria.moved').replace('{direction}', direction).replace('{x}', String(x)).replace('{y}', String(y)),
    'edge.a11yDescription.default': t(lang, 'flow.aria.edge'),
    'controls.ariaLabel': t(lang, 'flow.aria.controls'),
    'controls.zoomIn.ariaLabel': t(lang, 'flow.aria.zoomIn'),
    'controls.zoomOut.ariaLabel': t(lang, 'flow.aria.zoomOut'),
    'controls.fitView.ariaLabel': t(lang, 'editor.fit'),
    'controls.interactive.ariaLabel': t(lang, 'flow.aria.interactive'),
    'minimap.ariaLabel': t(lang, 'flow.aria.minimap'),
    'handle.ariaLabel': t(lang, 'flow.aria.handle'),
  };
}

/** An edge as a screen reader says it: 「ようこそ → 7日後」 (React Flow would say "Edge from welcome to wait-7"). */
export const edgeAriaLabel = (lang: Lang, from: string, to: string): string =>
  t(lang, 'flow.aria.edgeLabel').replace('{from}', from).replace('{to}', to);
