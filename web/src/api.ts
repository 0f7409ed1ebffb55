// The server's JSON API, typed. Errors carry the server's Indonesian message and the fields
// (JSON pointers) they concern. Writes send the session's CSRF token.

export interface ApiErrorDetail {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
  }
}

export interface Health {
  status: string;
  service: string;
  version: string;
  instansi: string;
  index_format: string;
  time: string;
  uptime_seconds: number;
}

export interface Grant {
  role: string;
  unit: string;
  unit_name?: string;
}

export interface Me {
  account_id: string;
  username: string;
  name: string;
  nip: string;
  must_change_password: boolean;
  grants: Grant[];
  csrf_token: string;
  position?: { id: string; name: string };
  unit?: { id: string; name: string };
}

export interface Position {
  id?: string;
  code: string;
  name: string;
  kind: string;
  eselon?: string;
}

export interface Unit {
  id: string;
  code: string;
  kind: string;
  name: string;
  parent: string | null;
  head_position: string | null;
  positions: Position[];
  closed?: { date: string; reason: string; successors: string[] };
  depth?: number;
}

export interface Staff {
  // Only for those who manage or sign over the person's unit (personal data).
  nip?: string;
  name: string;
  position: string | null;
  active: boolean;
  position_name?: string;
  unit?: string;
  unit_name?: string;
}

export interface Account {
  id: string;
  username: string;
  name: string;
  nip: string;
  must_change_password: boolean;
  active: boolean;
  grants: Grant[];
  unit_name?: string;
}

let csrfToken = "";
/** Called after sign-in and on start-up (from /api/v1/me). */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Where a 401 sends the user (set by the shell). */
let onUnauthenticated: () => void = () => {};
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

async function call<T>(method: string, path: string, body?: unknown, quiet401 = false,
  extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", ...extraHeaders };
  // A file goes as its own bytes (an image upload); everything else as JSON.
  const raw = body instanceof Blob;
  if (body !== undefined) headers["Content-Type"] = raw ? body.type : "application/json";
  if (method !== "GET") headers["X-CSRF-Token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "unavailable", "Server tidak dapat dihubungi.");
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(response.status, "invalid_response", "Jawaban server tidak dapat dibaca.");
  }
  if (!response.ok) {
    const err = (parsed as { error?: { code: string; message: string; details?: ApiErrorDetail[] } })
      ?.error;
    if (response.status === 401 && !quiet401) onUnauthenticated();
    throw new ApiError(
      response.status,
      err?.code ?? "unknown",
      err?.message ?? `Server menjawab ${response.status}.`,
      err?.details ?? [],
    );
  }
  return parsed as T;
}

export const getJson = <T>(path: string) => call<T>("GET", path);
export const send = <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  call<T>(method, path, body, false, headers);
/** A read that does not redirect on 401 (used to find out whether a session exists). */
export const probe = <T>(path: string) => call<T>("GET", path, undefined, true);
/** Sign-in answers 401 for a wrong password: shown on the form, never a redirect. */
export const login = (username: string, password: string) =>
  call<Me>("POST", "/api/v1/session", { username, password }, true);

/** A text file as the server takes it: line ends are LF (CR is refused in every request string). */
export async function textOf(file: File): Promise<string> {
  return (await file.text()).replace(/\r\n?/g, "\n");
}

// Types generated from the OpenAPI description and the JSON schemas in schemas/ (npm run gen):
// what the server takes is typed from the same files the server validates against.
import type { components, paths } from "./gen/openapi";
type Schemas = components["schemas"];
export type SopDocument = Schemas["sop"];
export type MapDocument = Schemas["map"];
export type SaveDraftRequest = Schemas["save-draft.request"];
export type ActionRequest = Schemas["action.request"];
export type CommentRequest = Schemas["comment.request"];
export type ApiPath = keyof paths;
