'use client';
// Hands the per-mount editor store and the UI language to every editor component.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { t, type MessageKey } from '@/lib/i18n/dictionary';
import type { EditorActions, EditorState, EditorStore } from './store';

const StoreContext = createContext<EditorStore | null>(null);
export const EditorProvider = StoreContext.Provider;

export function useEditorStore(): EditorStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useEditorStore outside <EditorProvider>');
  return store;
}

export function useEditor<T>(selector: (s: EditorState & EditorActions) => T): T {
  return useStore(useEditorStore(), selector);
}

/** The translator for the editor's language. */
export function useT(): (key: MessageKey) => string {
  const lang = useEditor((s) => s.lang);
  return (key) => t(lang, key);
}
