// The server's JSON API, typed. Errors carry the server's Indonesian message.

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

export async function getJson<T>(path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: "application/json" } });
  } catch {
    throw new ApiError(0, "unavailable", "Server tidak dapat dihubungi.");
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(response.status, "invalid_response", "Jawaban server tidak dapat dibaca.");
  }
  if (!response.ok) {
    const err = (body as { error?: { code: string; message: string; details?: ApiErrorDetail[] } })
      ?.error;
    throw new ApiError(
      response.status,
      err?.code ?? "unknown",
      err?.message ?? `Server menjawab ${response.status}.`,
      err?.details ?? [],
    );
  }
  return body as T;
}
