// The map screens: /peta the browser (level 0 down to the SOPs), /peta/cakupan the coverage,
// /peta/daftar the list, and the generic document screens for /peta/baru, /peta/<id> and
// /peta/<id>/sunting. Each loads its code when first opened.
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { ScreenProps } from "../app/screens";
import { mapKind } from "../docs/kinds";
import { documentScreen } from "./documents";

const Documents = documentScreen(mapKind);
const own: Record<string, () => Promise<{ default: ComponentType }>> = {
  "": () => import("../kinds/map/browser"),
  cakupan: () => import("../kinds/map/coverage"),
};

export default function Maps({ rest }: ScreenProps) {
  const load = own[rest];
  const [Screen, setScreen] = useState<{ rest: string; c: ComponentType } | "failed" | null>(null);
  useEffect(() => {
    if (!load) return;
    let live = true;
    load().then((m) => { if (live) setScreen({ rest, c: m.default }); }, () => { if (live) setScreen("failed"); });
    return () => { live = false; };
  }, [rest]);
  if (!load) return <Documents rest={rest === "daftar" ? "" : rest} />;
  if (Screen === "failed") return <p class="notice bad" role="alert">Halaman tidak dapat dimuat. Periksa sambungan lalu muat ulang.</p>;
  if (!Screen || Screen.rest !== rest) return <p class="hint" role="status">Memuat…</p>;
  return <Screen.c />;
}
