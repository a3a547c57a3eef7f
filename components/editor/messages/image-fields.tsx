'use client';
// An image message: upload a JPEG/PNG (Kizuna stores it, makes the preview and fills both https URLs), or give URLs.
import type { LineMessage } from '@/scenario/schema';
import { useT } from '../editor-context';
import { Field, TextInput } from '../inspector/fields';
import { UploadButton } from './upload-button';

type ImageMessage = Extract<LineMessage, { type: 'image' }>;

export function ImageFields({ testId, m, onChange }: { testId: string; m: ImageMessage; onChange: (m: ImageMessage) => void }) {
  const t = useT();
  return (
    <div className="space-y-2">
      <UploadButton
        testId={`${testId}-upload`}
        onUploaded={(img) => onChange({ ...m, originalContentUrl: img.originalContentUrl, previewImageUrl: img.previewImageUrl })}
      />
      <details className="text-xs" open={!m.originalContentUrl.startsWith('https://') || m.originalContentUrl === 'https://'}>
        <summary className="cursor-pointer text-slate-500">{t('media.orUrl')}</summary>
        <div className="mt-1 space-y-1">
          <Field label={t('editor.send.imageUrl')}>
            <TextInput
              type="url"
              value={m.originalContentUrl}
              testId={`${testId}-original-url`}
              onChange={(u) =>
                onChange({
                  ...m,
                  originalContentUrl: u,
                  previewImageUrl: m.previewImageUrl === m.originalContentUrl ? u : m.previewImageUrl,
                })
              }
            />
          </Field>
          <Field label={t('editor.send.previewUrl')}>
            <TextInput
              type="url"
              value={m.previewImageUrl}
              testId={`${testId}-preview-url`}
              onChange={(previewImageUrl) => onChange({ ...m, previewImageUrl })}
            />
          </Field>
        </div>
      </details>
    </div>
  );
}
