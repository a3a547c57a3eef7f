// UI strings in Japanese (default) and English; components pick with t(lang, key).
export const languages = ['ja', 'en'] as const;
export type Lang = (typeof languages)[number];

const ja = {
  'app.tagline': 'ステップ配信をキャンバスで',
  'nav.scenarios': 'シナリオ',
  'nav.friends': '友だち',
  'nav.settings': '設定',
  'nav.sandbox': 'サンドボックス端末',
  'scenarios.title': 'シナリオ',
  'scenarios.new': '新しいシナリオ',
  'scenarios.empty': 'まだシナリオがありません。「新しいシナリオ」から作成しましょう。',
  'scenarios.col.name': '名前',
  'scenarios.col.status': '状態',
  'scenarios.col.version': '公開バージョン',
  'scenarios.col.inside': '進行中の友だち',
  'scenarios.col.sendsToday': '本日の配信',
  'scenarios.col.updated': '更新日時',
  'status.draft': '下書き',
  'status.live': '配信中',
  'status.paused': '一時停止',
  'status.stopped': '停止',
  'lang.switch': 'English',
} as const;

export type MessageKey = keyof typeof ja;

const en: Record<MessageKey, string> = {
  'app.tagline': 'Step delivery on a canvas',
  'nav.scenarios': 'Scenarios',
  'nav.friends': 'Friends',
  'nav.settings': 'Settings',
  'nav.sandbox': 'Sandbox phone',
  'scenarios.title': 'Scenarios',
  'scenarios.new': 'New scenario',
  'scenarios.empty': 'No scenarios yet. Create one with “New scenario”.',
  'scenarios.col.name': 'Name',
  'scenarios.col.status': 'Status',
  'scenarios.col.version': 'Live version',
  'scenarios.col.inside': 'Friends inside',
  'scenarios.col.sendsToday': 'Sends today',
  'scenarios.col.updated': 'Updated',
  'status.draft': 'Draft',
  'status.live': 'Live',
  'status.paused': 'Paused',
  'status.stopped': 'Stopped',
  'lang.switch': '日本語',
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { ja, en };

export function t(lang: Lang, key: MessageKey): string {
  return dictionaries[lang][key];
}

export function isLang(v: unknown): v is Lang {
  return v === 'ja' || v === 'en';
}
