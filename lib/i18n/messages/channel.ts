// UI strings for the LINE channel's state (the admin banner while sends are held) and the settings page's quota gauge
// (Japanese and English); merged into lib/i18n/dictionary.ts.
export const ja = {
  'channel.paused.credentials.title': 'LINEがアクセストークンを受け付けていません。配信を保留しています。',
  'channel.paused.credentials.body':
    'LINE Developersコンソールでチャネルアクセストークンを確認・再発行し、LINE_CHANNEL_ACCESS_TOKEN を更新してアプリとワーカーを再起動してください。LINEが再び応答すると自動で再開し、保留中のメッセージは1通ずつ送られます。',
  'channel.paused.quota.title': '今月のメッセージ送信数の上限に達しました。配信を保留しています。',
  'channel.paused.quota.body':
    'LINE公式アカウントの料金プランで上限を増やすか、翌月になるとLINEの残数が戻り、自動で再開します。残数は設定画面で確認できます。',
  'channel.paused.since': '{at} から保留中',
  'channel.paused.expiry': '約23時間以内に送れなかったメッセージは「失敗（期限切れ）」として記録され、シナリオは次へ進みます。',
  'channel.paused.lastCheck': '最終確認 {at}：まだ再開できません（{result}）',
  'channel.paused.quotaLink': '送信数を見る',
  'channel.quota.title': '今月のメッセージ送信数',
  'channel.quota.used': '{used} / {limit} 通',
  'channel.quota.unlimited': '{used} 通（上限なし）',
  'channel.quota.none': 'まだLINEから送信数を取得できていません。',
  'channel.quota.readAt': '{at} 時点',
  'channel.quota.stale': 'いまLINEに問い合わせできなかったため、前回の値を表示しています。',
  'channel.quota.paused': '上限に達したため配信を保留中',
  'channel.quota.help': '友だち1人に1回送ると1通と数えます（LINEの計算、日本時間の月単位）。',
  'channel.reason.heldCredentials': '保留中（LINEがアクセストークンを拒否）',
  'channel.reason.heldQuota': '保留中（今月の送信数の上限）',
  'channel.reason.expired': '期限切れ（約23時間以内に送れませんでした）',
};

export const en: Record<keyof typeof ja, string> = {
  'channel.paused.credentials.title': 'LINE is refusing the channel access token. Sends are on hold.',
  'channel.paused.credentials.body':
    'Check or reissue the channel access token in the LINE Developers console, set LINE_CHANNEL_ACCESS_TOKEN and restart the app and the worker. Sending resumes by itself once LINE answers again, and every held message goes out once.',
  'channel.paused.quota.title': "This month's message limit is reached. Sends are on hold.",
  'channel.paused.quota.body':
    "Raise the limit with the LINE Official Account's plan, or wait for next month's quota: sending resumes by itself once LINE has room again. Settings shows the figures.",
  'channel.paused.since': 'Held since {at}',
  'channel.paused.expiry': 'A message that cannot go out within about 23 hours is recorded as failed (expired) and its scenario moves on.',
  'channel.paused.lastCheck': 'Last check {at}: not yet ({result})',
  'channel.paused.quotaLink': 'See the figures',
  'channel.quota.title': 'Messages this month',
  'channel.quota.used': '{used} / {limit} messages',
  'channel.quota.unlimited': '{used} messages (no limit)',
  'channel.quota.none': 'LINE has not reported the figures yet.',
  'channel.quota.readAt': 'as of {at}',
  'channel.quota.stale': 'LINE could not be asked just now: these are the last figures it gave.',
  'channel.quota.paused': 'Limit reached: sends are on hold',
  'channel.quota.help': 'Each message to one friend counts as one (LINE counts by calendar month, Japan time).',
  'channel.reason.heldCredentials': 'Held (LINE refuses the access token)',
  'channel.reason.heldQuota': "Held (this month's message limit)",
  'channel.reason.expired': 'Expired (could not go out within about 23 hours)',
};
