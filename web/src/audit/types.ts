// The answers of GET /api/v1/events (service/api/events.cpp).
export interface ChainState {
  intact: boolean;
  events: number;
  checked_at: string;
  checked_through: number;
  head_seq: number;
  head_hash: string;
  first_bad_seq?: number;
  reason?: string;
  unreadable?: number;
}

/** What the server looked up now for an event's ids (names, titles): not part of the record. */
export interface EventShown {
  unit?: string;
  unit_name?: string;
  doc_kind?: "sop" | "map";
  doc_id?: string;
  doc_number?: string;
  doc_title?: string;
  username?: string;
}

export interface AuditEvent {
  seq: number;
  time?: string;
  kind?: string;
  actor?: string;
  nip?: string;
  account?: string;
  actor_account?: string;
  username?: string;
  doc?: string;
  version?: number;
  commit?: string;
  remote?: string;
  hash?: string;
  prev?: string;
  unreadable?: boolean;
  problem?: string;
  shown?: EventShown;
  [field: string]: unknown;
}

export interface EventPage {
  items: AuditEvent[];
  count: number;
  next_before?: number;
  chain: ChainState;
}
