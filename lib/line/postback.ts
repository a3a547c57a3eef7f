// Reads postback data: `action=coupon_used&coupon=A1` style data also becomes an event named after its `action`.
import { EVENT_NAME_PATTERN } from '../friends/event-name';

export interface ParsedPostback {
  /** The data's key=value fields, when it is a query string; empty otherwise. */
  fields: Record<string, string>;
  /** The value of `action` when it is a usable event name (e.g. `coupon_used`), else null. */
  action: string | null;
}

export function parsePostbackData(data: string): ParsedPostback {
  // Only data that looks like a query string is split; free text such as "yes" stays as it is.
  if (!/^[^=&\s]+=[^&]*(&[^=&\s]+=[^&]*)*$/.test(data)) return { fields: {}, action: null };
  const fields: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(data)) fields[k] = v;
  const action = fields.action;
  return { fields, action: action !== undefined && EVENT_NAME_PATTERN.test(action) ? action : null };
}
