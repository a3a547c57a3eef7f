// UI strings for timing (Japanese and English): quiet hours (account default, scenario override, held sends) and the
// entry-anchored wait 「登録からN日後のHH:mm」; merged into lib/i18n/dictionary.ts.
export const ja = {
  'timing.wait.afterEntry': '登録からN日後の時刻',
  'timing.wait.afterEntryDays': '登録から何日後（0＝当日）',
  'timing.wait.afterEntryHint':
    '友だちがこのシナリオに入った日から数えます。前のメッセージが配信停止時間で保留されても、この時刻はずれません。時刻を過ぎてから到達した場合はすぐに進みます。',
  'timing.quiet.mode': '配信停止時間',
  'timing.quiet.account': 'アカウントの設定に従う（{window}）',
  'timing.quiet.accountOff': 'アカウントの設定に従う（現在はなし）',
  'timing.quiet.custom': 'このシナリオで指定',
  'timing.quiet.off': '配信停止時間なし',
  'timing.quiet.hint': 'この時間帯に当たるメッセージは終了時刻まで保留されます。公開した時点の時間帯がそのバージョンに固定されます。',
  'timing.quiet.accountLink': 'アカウントの設定を変更',
  'timing.settings.title': '配信停止時間（アカウントの既定）',
  'timing.settings.help':
    '新しいシナリオはこの設定に従います（シナリオごとに変更できます）。変更は次に公開したバージョンから反映され、公開済みのバージョンは公開時の時間帯のままです。時刻は各シナリオのタイムゾーン（通常は日本時間）で判定します。',
  'timing.settings.enabled': '配信停止時間を使う',
  'timing.settings.start': '開始',
  'timing.settings.end': '終了',
  'timing.settings.save': '保存',
  'timing.settings.saved': '保存しました。次に公開するシナリオから反映されます。',
  'timing.settings.sameTimes': '開始と終了が同じ時刻です。',
  'timing.settings.ownersOnly': '変更できるのはオーナーだけです。',
  'timing.held.badge': '配信停止時間のため保留中',
  'timing.held.friend': '配信停止時間のため {until} まで保留中',
  'timing.held.sandbox': '「{name}」の{step}は配信停止時間のため {until} まで保留中です。',
  'timing.analytics.held': 'うち配信停止時間で保留中',
  'timing.analytics.heldShort': '保留',
};

export const en: Record<keyof typeof ja, string> = {
  'timing.wait.afterEntry': 'N days after entry, at a time',
  'timing.wait.afterEntryDays': 'Days after entry (0 = the same day)',
  'timing.wait.afterEntryHint':
    'Counted from the day the friend entered this scenario. A message held by quiet hours before it never moves this time; reached after its time, it carries on at once.',
  'timing.quiet.mode': 'Quiet hours',
  'timing.quiet.account': 'Follow the account default ({window})',
  'timing.quiet.accountOff': 'Follow the account default (currently none)',
  'timing.quiet.custom': 'Set for this scenario',
  'timing.quiet.off': 'No quiet hours',
  'timing.quiet.hint': 'Messages due in this window are held until it ends. Publishing pins the window into that version.',
  'timing.quiet.accountLink': 'Change the account default',
  'timing.settings.title': 'Quiet hours (account default)',
  'timing.settings.help':
    'New scenarios follow this (each scenario may override it). A change applies from the next version you publish; published versions keep the window they were published with. Times are read in each scenario’s time zone (usually Japan time).',
  'timing.settings.enabled': 'Use quiet hours',
  'timing.settings.start': 'From',
  'timing.settings.end': 'Until',
  'timing.settings.save': 'Save',
  'timing.settings.saved': 'Saved. Scenarios you publish from now on use it.',
  'timing.settings.sameTimes': 'Start and end are the same time.',
  'timing.settings.ownersOnly': 'Only owners can change this.',
  'timing.held.badge': 'Held for quiet hours',
  'timing.held.friend': 'Held for quiet hours until {until}',
  'timing.held.sandbox': '“{name}”: {step} is held for quiet hours until {until}.',
  'timing.analytics.held': 'of which held for quiet hours',
  'timing.analytics.heldShort': 'held',
};
