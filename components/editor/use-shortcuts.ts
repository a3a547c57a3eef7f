'use client';
// Keyboard shortcuts on the canvas: undo/redo, copy/paste/duplicate, delete, select all, auto-layout, fit view.
// Read-only (an operator who may not edit) keeps only select all and fit view.
import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { FIT_VIEW } from './canvas';
import { useEditorStore } from './editor-context';

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

export const SHORTCUTS = ['⌘/Ctrl+Z', '⌘/Ctrl+Shift+Z', '⌘/Ctrl+C', '⌘/Ctrl+V', '⌘/Ctrl+D', 'Delete', '⌘/Ctrl+A', 'L', 'F'] as const;

export function useShortcuts(onSaveNow: () => void, readOnly = false) {
  const store = useEditorStore();
  const { fitView } = useReactFlow();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.metaKey || e.ctrlKey;
      const s = store.getState();
      const key = e.key.toLowerCase();
      if (readOnly) {
        if (mod && key === 'a' && !typing(e.target)) s.select(s.nodes.map((n) => n.id));
        else if (!mod && key === 'f' && !typing(e.target)) void fitView({ duration: 200, maxZoom: 1 });
        else return;
        e.preventDefault();
        return;
      }
      if (mod && key === 's') {
        e.preventDefault();
        onSaveNow();
        return;
      }
      if (typing(e.target)) return;
      if (mod && key === 'z') s[e.shiftKey ? 'redo' : 'undo']();
      else if (mod && key === 'y') s.redo();
      else if (mod && key === 'c') s.copySelection();
      else if (mod && key === 'v') s.paste();
      else if (mod && key === 'd') {
        s.copySelection();
        s.paste();
      } else if (mod && key === 'a') s.select(s.nodes.map((n) => n.id));
      else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) s.deleteSelection();
      else if (!mod && key === 'l') {
        void s.autoLayout().then(() => requestAnimationFrame(() => void fitView({ ...FIT_VIEW, duration: 200 })));
      } else if (!mod && key === 'f') void fitView({ ...FIT_VIEW, duration: 200 });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, fitView, onSaveNow, readOnly]);
}
