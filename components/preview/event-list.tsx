'use client';
// Events placed on the preview's timeline: "purchase on day 3 at 19:00 (total=5980)".
import { useT } from '@/components/editor/editor-context';
import { NumberInput, SmallButton, TextInput } from '@/components/editor/inspector/fields';
import type { PlannedEvent } from './run-preview';

const showProps = (p: Record<string, unknown>) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
function readProps(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of text.split(',')) {
    const [k, ...rest] = pair.split('=');
    const key = k?.trim();
    if (!key) continue;
    const v = rest.join('=').trim();
    out[key] = v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
  }
  return out;
}

export function EventList({ events, onChange }: { events: PlannedEvent[]; onChange: (e: PlannedEvent[]) => void }) {
  const t = useT();
  const set = (i: number, e: PlannedEvent) => onChange(events.map((x, j) => (j === i ? e : x)));
  return (
    <div className="space-y-1" data-testid="preview-events">
      {events.map((e, i) => (
        <div key={i} className="grid grid-cols-[3.5rem_5.5rem_1fr_auto] items-center gap-1">
          <NumberInput value={e.day} min={0} onChange={(day) => set(i, { ...e, day })} testId={`preview-event-day-${i}`} />
          <TextInput type="time" value={e.time} onChange={(time) => set(i, { ...e, time })} />
          <TextInput value={e.name} onChange={(name) => set(i, { ...e, name })} testId={`preview-event-name-${i}`} />
          <SmallButton tone="danger" onClick={() => onChange(events.filter((_, j) => j !== i))}>
            ×
          </SmallButton>
          <div className="col-span-4 pl-1">
            <TextInput
              value={showProps(e.properties)}
              placeholder="total=5980"
              onChange={(v) => set(i, { ...e, properties: readProps(v) })}
            />
          </div>
        </div>
      ))}
      <SmallButton
        onClick={() => onChange([...events, { day: 3, time: '19:00', name: 'purchase', properties: {} }])}
        testId="preview-add-event"
      >
        + {t('preview.addEvent')}
      </SmallButton>
      <p className="text-[11px] text-slate-500">{t('preview.eventsHint')}</p>
    </div>
  );
}
