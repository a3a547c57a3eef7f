'use client';
// Rich-message builder (リッチメッセージ): upload a 1040 px-wide image, pick a layout from picture tiles, give each area a
// link or a text; written as a validated imagemap on every change, never as JSON the marketer types.
import type { MessageKey } from '@/lib/i18n/dictionary';
import {
  areaName,
  fitAreas,
  layoutAreas,
  RICH_LAYOUT_IDS,
  RICH_LAYOUTS,
  RICH_WIDTH,
  richToImagemap,
  type ImagemapMessage,
  type RichArea,
  type RichLayoutId,
  type RichMessage,
} from '@/scenario/rich-message';
import { useT } from '../editor-context';
import { Field, IssueText, Select, TextInput, useIssuesAt } from '../inspector/fields';
import { uploadRichImage, type RichImage } from './message-api';
import { UploadControl } from './upload-button';

/** A layout drawn as its cells on a small tile, as LINE公式 shows its templates. */
function LayoutTile({ layout, selected, onPick, testId }: { layout: RichLayoutId; selected: boolean; onPick: () => void; testId: string }) {
  const t = useT();
  const h = RICH_LAYOUTS[layout].sizes[0][1];
  const label = t(`rich.layout.${layout}` satisfies MessageKey);
  const sizes = RICH_LAYOUTS[layout].sizes.map(([w, hh]) => `${w}×${hh}`).join(' / ');
  return (
    <button
      type="button"
      onClick={onPick}
      title={`${label} — ${t('rich.sizes').replace('{sizes}', sizes)}`}
      aria-label={label}
      aria-pressed={selected}
      data-testid={testId}
      className={`relative w-12 rounded border-2 bg-white ${selected ? 'border-emerald-500' : 'border-slate-200 hover:border-slate-400'}`}
      style={{ aspectRatio: `${RICH_WIDTH} / ${h}` }}
    >
      {layoutAreas(layout, h).map((a, i) => (
        <span
          key={i}
          className={`absolute flex items-center justify-center border border-white text-[8px] font-semibold ${selected ? 'bg-emerald-200 text-emerald-900' : 'bg-slate-200 text-slate-600'}`}
          style={{
            left: `${(a.x / RICH_WIDTH) * 100}%`,
            top: `${(a.y / h) * 100}%`,
            width: `${(a.width / RICH_WIDTH) * 100}%`,
            height: `${(a.height / h) * 100}%`,
          }}
        >
          {areaName(i)}
        </span>
      ))}
    </button>
  );
}

function AreaFields({
  nodeId,
  messageIndex,
  index,
  area,
  onChange,
  testId,
}: {
  nodeId: string;
  messageIndex: number;
  index: number;
  area: RichArea;
  onChange: (a: RichArea) => void;
  testId: string;
}) {
  const t = useT();
  const issues = useIssuesAt(nodeId, ['messages', messageIndex, 'rich', 'areas', index]);
  const kinds: { value: RichArea['kind']; label: string }[] = [
    { value: 'uri', label: t('rich.action.uri') },
    { value: 'message', label: t('rich.action.message') },
    { value: 'none', label: t('rich.action.none') },
  ];
  return (
    <div className="space-y-1 rounded-md border border-slate-200 bg-slate-50/60 p-2" data-testid={testId}>
      <div className="flex items-center gap-2">
        <span className="w-14 shrink-0 text-xs font-semibold text-slate-700">{t('rich.area').replace('{name}', areaName(index))}</span>
        <Select
          value={area.kind}
          options={kinds}
          onChange={(kind) => onChange({ kind, value: kind === area.kind ? area.value : '' })}
          testId={`${testId}-kind`}
        />
      </div>
      {area.kind !== 'none' && (
        <TextInput
          type={area.kind === 'uri' ? 'url' : 'text'}
          value={area.value}
          placeholder={area.kind === 'uri' ? t('rich.value.uri') : t('rich.value.message')}
          onChange={(value) => onChange({ ...area, value })}
          testId={`${testId}-value`}
        />
      )}
      <IssueText issues={issues} />
    </div>
  );
}

export function RichBuilder({
  nodeId,
  index,
  rich,
  onChange,
}: {
  nodeId: string;
  index: number;
  rich: RichMessage;
  onChange: (m: ImagemapMessage) => void;
}) {
  const t = useT();
  const testId = `send-${nodeId}-rich-${index}`;
  const imageIssues = useIssuesAt(nodeId, ['messages', index, 'rich', 'baseUrl']);
  const areaIssues = useIssuesAt(nodeId, ['messages', index, 'rich', 'areas']).filter((x) => x.path.at(-1) === 'areas');
  const set = (next: RichMessage) => onChange(richToImagemap(next));
  const uploaded = (img: RichImage) => set({ ...rich, baseUrl: img.baseUrl, height: img.height });
  return (
    <div className="space-y-2" data-testid={testId}>
      <p className="text-[11px] text-slate-500">{t('rich.hint')}</p>
      <div className="space-y-1">
        <UploadControl testId={`${testId}-upload`} upload={uploadRichImage} onUploaded={uploaded} hint={t('rich.uploadHint')} />
        <p className="text-[11px] text-slate-600" data-testid={`${testId}-image`}>
          {rich.baseUrl ? t('rich.image').replace('{height}', String(rich.height)) : t('rich.noImage')}
        </p>
        <IssueText issues={imageIssues} />
      </div>
      <Field label={t('editor.send.altText')}>
        <TextInput value={rich.altText} testId={`${testId}-alt`} onChange={(altText) => set({ ...rich, altText })} />
      </Field>
      <div>
        <span className="mb-0.5 block text-xs font-medium text-slate-600">{t('rich.layout')}</span>
        <div className="flex flex-wrap items-start gap-1.5" role="group" aria-label={t('rich.layout')}>
          {RICH_LAYOUT_IDS.map((l) => (
            <LayoutTile
              key={l}
              layout={l}
              selected={l === rich.layout}
              onPick={() => set({ ...rich, layout: l, areas: fitAreas(rich.areas, l) })}
              testId={`${testId}-layout-${l}`}
            />
          ))}
        </div>
        <p className="mt-0.5 text-[11px] text-slate-500">
          {t(`rich.layout.${rich.layout}` satisfies MessageKey)}・
          {t('rich.sizes').replace('{sizes}', RICH_LAYOUTS[rich.layout].sizes.map(([w, h]) => `${w}×${h}`).join(' / '))}
        </p>
      </div>
      {rich.areas.map((a, i) => (
        <AreaFields
          key={i}
          nodeId={nodeId}
          messageIndex={index}
          index={i}
          area={a}
          testId={`${testId}-area-${i}`}
          onChange={(x) => set({ ...rich, areas: rich.areas.map((y, j) => (j === i ? x : y)) })}
        />
      ))}
      <IssueText issues={areaIssues} />
    </div>
  );
}
