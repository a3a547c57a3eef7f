// UI strings for erasing a friend (Japanese and English); merged into lib/i18n/dictionary.ts. Also the API key scope
// that allows it.
export const ja = {
  'erasure.title': '友だちを消去',
  'erasure.help':
    'この友だちの個人データをすべて消去します：LINEユーザーID、会員ID、表示名、プロフィール画像、属性、タグ、送ったメッセージの本文、友だちから届いたメッセージやWebhookの内容、イベントの詳細。進行中のシナリオは止まります。集計の数（到達・配信・コンバージョン）は名前のない形で残ります。元に戻すことはできません。',
  'erasure.confirmLabel': '確認のため「削除」と入力してください',
  'erasure.submit': '個人データを消去する',
  'erasure.mismatch': '確認の言葉が一致しなかったため、何も消去していません。「削除」と入力してください。',
  'erasure.failed': '消去できませんでした（{code}）。何度やり直しても問題ありません。',
  'erasure.done': '友だちの個人データを消去しました。集計の数は名前のない形で残っています。',
  'erasure.erased.title': '消去済みの友だち',
  'erasure.erased.body': 'この友だちの個人データは {at} に消去されました。残っているのは集計に使う名前のない記録だけです。',
  'apiKeys.scope.friends:erase':
    '友だちの消去（POST /api/friends/erase）：LINEユーザーIDか会員IDで指定した友だちの個人データを消去します。',
};

export const en: Record<keyof typeof ja, string> = {
  'erasure.title': 'Erase this friend',
  'erasure.help':
    "Erases all of this friend's personal data: LINE user id, member id, display name, picture, attributes, tags, the texts sent to them, what they sent (messages, webhook payloads) and event details. Their running scenarios stop. Analytics counts (reach, sends, conversions) stay, with no name attached. This cannot be undone.",
  'erasure.confirmLabel': 'Type "erase" to confirm',
  'erasure.submit': 'Erase personal data',
  'erasure.mismatch': 'The confirmation did not match, so nothing was erased. Type "erase".',
  'erasure.failed': 'Could not erase ({code}). It is safe to try again.',
  'erasure.done': "The friend's personal data was erased. Analytics counts remain, with no name attached.",
  'erasure.erased.title': 'Erased friend',
  'erasure.erased.body': "This friend's personal data was erased on {at}. What remains are anonymous records that analytics count.",
  'apiKeys.scope.friends:erase':
    'Erase friends (POST /api/friends/erase): erase the personal data of the friend a LINE user id or member id names.',
};
