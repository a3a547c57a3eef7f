'use client';
// Picks a JPEG or PNG and uploads it to Kizuna; says what was stored, or why a file was refused (ja/en) with nothing kept.
import { ImageUp } from 'lucide-react';
import { useState } from 'react';
import type { MessageKey } from '@/lib/i18n/dictionary';
import { useT } from '../editor-context';
import { uploadImage, type StoredImage, type UploadRefusal } from './message-api';

type State =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'done'; width: number; height: number }
  | { kind: 'refused'; name: string; refusal: UploadRefusal };

export function UploadButton({ testId, onUploaded }: { testId: string; onUploaded: (image: StoredImage) => void }) {
  return <UploadControl testId={testId} onUploaded={onUploaded} upload={uploadImage} />;
}

/** The same control for another kind of upload (a rich message's image, 1040 px wide), with its own hint. */
export function UploadControl<T extends { width: number; height: number }>({
  testId,
  onUploaded,
  upload,
  hint,
}: {
  testId: string;
  onUploaded: (image: T) => void;
  upload: (file: File) => Promise<{ ok: true; image: T } | { ok: false; refusal: UploadRefusal }>;
  hint?: string;
}) {
  const t = useT();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const reason = (r: UploadRefusal) =>
    r.code === 'failed' ? t('media.error.failed').replace('{message}', r.message) : t(`media.error.${r.code}` satisfies MessageKey);
  const pick = async (file: File) => {
    setState({ kind: 'busy' });
    const r = await upload(file);
    if (!r.ok) return setState({ kind: 'refused', name: file.name, refusal: r.refusal });
    setState({ kind: 'done', width: r.image.width, height: r.image.height });
    onUploaded(r.image);
  };
  return (
    <div className="space-y-1">
      <label className="inline-flex cursor-pointer items-center gap-1.5 rounded-md border border-emerald-300 bg-emerald-50 px-2 py-1 text-xs font-medium text-emerald-800 hover:bg-emerald-100 [fieldset:disabled_&]:hidden">
        <ImageUp className="h-3.5 w-3.5" aria-hidden />
        {state.kind === 'busy' ? t('media.uploading') : t('media.upload')}
        <input
          type="file"
          accept="image/jpeg,image/png"
          className="sr-only"
          data-testid={`${testId}-file`}
          disabled={state.kind === 'busy'}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void pick(file);
          }}
        />
      </label>
      <p className="text-[11px] text-slate-500">{hint ?? t('media.hint')}</p>
      {state.kind === 'done' && (
        <p className="text-xs text-emerald-700" data-testid={`${testId}-status`} data-state="done">
          {t('media.uploaded').replace('{width}', String(state.width)).replace('{height}', String(state.height))}
        </p>
      )}
      {state.kind === 'refused' && (
        <p
          className="text-xs text-rose-700"
          role="alert"
          data-testid={`${testId}-status`}
          data-state="refused"
          data-code={state.refusal.code}
        >
          {t('media.refused').replace('{name}', state.name)} {reason(state.refusal)}
        </p>
      )}
    </div>
  );
}
