// "SOP Saya": the SOPs in force in which the signed-in person's position acts (the server's
// `position=me` filter), each with the steps where that position acts.
import { getJson, type SopDocument } from "../api";
import { Status, useLoad, useTitle } from "../app/screen";
import { me } from "../app/session";
import { Link } from "../app/ui";
import type { DocSummary } from "../docs/view/types";
import "../docs/view/view.css";

export interface MyStep { no: number; activity: string }
export interface MyDoc { summary: DocSummary; steps: MyStep[] }

/** The SOPs where my position acts and, read from each document in force, my steps there. */
export async function loadMyDocs(): Promise<MyDoc[]> {
  const position = me.value?.position?.id;
  if (!position) return [];
  const list = await getJson<{ items: DocSummary[] }>("/api/v1/sops?position=me");
  // What is in force: a draft that names my position is not yet mine to follow.
  return Promise.all(list.items.filter((s) => s.in_force).map(async (summary) => {
    const { document } = await getJson<{ document: SopDocument }>(`/api/v1/sops/${summary.id}`);
    const mine = new Set((document.actors ?? []).filter((a) => a.position === position).map((a) => a.id));
    const steps = (document.steps ?? []).flatMap((s, i) => (mine.has(s.actor ?? "") ? [{ no: i + 1, activity: s.activity ?? "" }] : []));
    return { summary, steps };
  }));
}

export function MyDocList({ docs, limit }: { docs: MyDoc[]; limit?: number }) {
  return (
    <ul class="cards" data-testid="my-docs">
      {docs.slice(0, limit).map(({ summary: s, steps }) => (
        <li key={s.id} data-testid="my-doc">
          <Link href={`/sop/${s.id}`}>{s.title}</Link>
          <div class="meta">{s.number || "(belum bernomor)"}</div>
          <p class="my-steps">{steps.length
            ? `Anda berperan pada langkah ${steps.map((st) => `${st.no} (${st.activity})`).join(", ")}.`
            : "Jabatan Anda tercantum sebagai pelaksana."}</p>
        </li>))}
    </ul>
  );
}

export default function MyDocs() {
  useTitle("SOP Saya");
  const person = me.value;
  const docs = useLoad(() => loadMyDocs(), [person?.position?.id]);
  return (
    <>
      <h2>SOP Saya</h2>
      {!person?.position
        ? <p class="notice">Akun Anda belum terhubung ke jabatan, jadi belum ada SOP yang menyebut Anda sebagai pelaksana.</p>
        : <>
          <p class="hint">{`SOP yang berlaku dengan jabatan Anda (${person.position.name}) sebagai pelaksana.`}</p>
          <Status loading={docs.loading} error={docs.error}>
            {docs.data && (docs.data.length
              ? <MyDocList docs={docs.data} />
              : <p>Belum ada SOP berlaku yang menyebut jabatan Anda sebagai pelaksana.</p>)}
          </Status>
        </>}
    </>
  );
}
