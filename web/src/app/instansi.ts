// The instansi the server keeps (GET /api/v1/instansi, no session needed): its name and logo,
// for the header of every screen, the sign-in screen included.
import { signal } from "@preact/signals";
import { getJson } from "../api";

export interface Instansi {
  name: string;
  logo: boolean;
  logo_url?: string;
  logo_etag?: string;
  logo_width?: number;
  logo_height?: number;
}

export const instansi = signal<Instansi | null>(null);

export async function loadInstansi(): Promise<void> {
  try {
    instansi.value = await getJson<Instansi>("/api/v1/instansi");
  } catch {
    instansi.value = null;  // the header does without; the screens say what failed
  }
}

/** The logo's address, changed with the logo so a browser never shows the old one. */
export const logoSrc = (i: Instansi): string =>
  `${i.logo_url ?? "/api/v1/instansi/logo"}?v=${encodeURIComponent(i.logo_etag ?? "")}`;
