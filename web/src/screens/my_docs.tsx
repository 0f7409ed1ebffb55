// "SOP Saya": the SOPs in which the signed-in person's position acts (the server's
// `position=me` filter, with the steps it acts in), each with those steps in words; on the day
// the app shows (`?at=`), those in force then, with their steps then.
import { getJson, type SopDocument } from "../api";
import { asOfDay, withQuery } from "../app/router";
import { Status, useLoad, useTitle } from "../app/screen";
import { me } from "../app/session";
import { Link } from "../app/ui";
import { StateBadges } from "../docs/view/badges";
import type { DocSummary } from "../docs/view/types";
import "../docs/view/view.css";

export interface MyStep { no: number; activity: string }
export interface MyDoc { summary: DocSummary; steps: MyStep[] }

/** The SOPs where my position acts and my steps there, named from the newest version I may read
 * (the one the list describes), or on day `at` from the version in force then. */
export async function loadMyDocs(at: string): Promise<MyDoc[]> {
  const list = await getJson<{ items: (DocSummary & { position_steps: number[] })[] }>(
    withQuery("/api/v1/sops", { position: "me", at }));
  return Promise.all(list.items.map(async (summary) => {
    const { document } = await getJson<{ document: SopDocument }>(
      withQuery(`/api/v1/sops/${summary.id}`, at ? { at } : { version: "latest" }));
    const steps = summary.position_steps.map((no) => ({ no, activity: document.steps?.[no - 1]?.activity ?? "" }));
    return { summary, steps };
  }));
}

export function MyDocList({ docs, limit }: { docs: MyDoc[]; limit?: number }) {
  return (
    <ul class="cards" data-testid="my-docs">
      {docs.slice(0, limit).map(({ summary: s, steps }) => (
        <li key={s.id} data-testid="my-doc">
          <Link href={`/sop/${s.id}`}>{s.title}</Link> <StateBadges facts={asOfDay() ? { status: s.status } : s} />
          <div class="meta">{s.number || "(belum bernomor)"}</div>
          <p class="my-steps">{steps.length
            ? `Anda berperan pada langkah ${steps.map((st) => `${st.no} (${st.activity})`).join(", ")}.`
            : "Jabatan Anda tercantum sebagai pelaksana, belum pada langkah mana pun."}</p>
        </li>))}
    </ul>
  );
}

export default function MyDocs() {
  useTitle("SOP Saya");
  const person = me.value;
  const at = asOfDay();
  const docs = useLoad(() => loadMyDocs(at), [person?.position?.id, at]);
  return (
    <>
      <h2>SOP Saya</h2>
      {!person?.position
        ? <p class="notice">Akun Anda belum terhubung ke jabatan, jadi belum ada SOP yang menyebut Anda sebagai pelaksana.</p>
        : <>
          <p class="hint">{`SOP dengan jabatan Anda (${person.position.name}) sebagai pelaksana.`}</p>
          <Status loading={docs.loading} error={docs.error}>
            {docs.data && (docs.data.length
              ? <MyDocList docs={docs.data} />
              : <p>Belum ada SOP yang menyebut jabatan Anda sebagai pelaksana.</p>)}
          </Status>
        </>}
    </>
  );
}
