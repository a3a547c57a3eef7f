// What the inbox's live view shows (the page's first render and each poll of GET /api/inbox): plain JSON, client-safe.
export interface ConversationItem {
  friendId: string;
  displayName: string;
  pictureUrl: string | null;
  blocked: boolean;
  lastMessageAt: number;
  lastText: string | null;
  /** LINE's type of the latest message (a sticker or an image has no text). */
  lastMessageType: string | null;
  lastDirection: 'in' | 'out' | null;
  unread: number;
  handling: boolean;
  assigneeName: string | null;
}

/** Who wrote a thread message: the friend, an operator, a keyword auto-reply, or a scenario's send. */
export type ThreadSource = 'friend' | 'operator' | 'auto_reply' | 'scenario';

export interface ThreadMessage {
  id: string;
  direction: 'in' | 'out';
  source: ThreadSource;
  /** The scenario that sent it (source `scenario`). */
  scenarioName: string | null;
  messageType: string;
  text: string | null;
  status: 'received' | 'pending' | 'sent' | 'failed';
  at: number;
  operatorName: string | null;
}

export interface ThreadView {
  friendId: string;
  messages: ThreadMessage[];
  handling: boolean;
  handlingSince: number | null;
  assigneeId: string | null;
  /** Whether 対応中 holds automated sends (the account's setting). */
  holdsSends: boolean;
  /** The friend's runs waiting at a send step while 対応中 holds them: scenario and step names. */
  held: { scenarioName: string; step: string }[];
}

export interface InboxSnapshot {
  conversations: ConversationItem[];
  thread: ThreadView | null;
}
