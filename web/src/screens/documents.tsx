// The document screens of every kind, by address: <path> (list), <path>/baru (create),
// <path>/<id> (the document, with its review and history; ?version=N a saved version),
// <path>/<id>/banding?dari=&ke= (two versions compared), <path>/<id>/sunting (editor).
// Each loads its code when first opened.
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { ScreenProps } from "../app/screens";
import type { DocKindUi } from "../docs/kinds";

export interface DocScreenProps {
  kind: DocKindUi;
  id: string;
}

type Loader = () => Promise<{ default: ComponentType<DocScreenProps> }>;
const list: Loader = () => import("../docs/list");
const create: Loader = () => import("../docs/create");
const view: Loader = () => import("../docs/view");
const editor: Loader = () => import("../docs/editor");
const compare: Loader = () => import("../docs/compare");

function pick(rest: string): { load: Loader; id: string } {
  const [id, mode] = rest.split("/");
  if (!id) return { load: list, id: "" };
  if (id === "baru") return { load: create, id: "" };
  return { load: mode === "sunting" ? editor : mode === "banding" ? compare : view, id };
}

export function documentScreen(kind: DocKindUi) {
  return function DocumentScreen({ rest }: ScreenProps) {
    const { load, id } = pick(rest);
    const [Screen, setScreen] = useState<{ load: Loader; c: ComponentType<DocScreenProps> } | "failed" | null>(null);
    useEffect(() => {
      let live = true;
      load().then((m) => { if (live) setScreen({ load, c: m.default }); }, () => { if (live) setScreen("failed"); });
      return () => { live = false; };
    }, [load]);
    if (Screen === "failed")
      return <p class="notice bad" role="alert">Halaman tidak dapat dimuat. Periksa sambungan lalu muat ulang.</p>;
    if (!Screen || Screen.load !== load) return <p class="hint" role="status">Memuat…</p>;
    return <Screen.c key={rest} kind={kind} id={id} />;
  };
}
