// Two versions of a document side by side (<path>/<id>/banding?dari=1&ke=5): the structural diff
// in the kind's words (GET …/diff?from=&to=, the review's own `Changes`), and both pictures (a
// SOP's flowcharts, a map's diagram) with the changed steps or elements marked; on a phone the
// two sides stack. Any two versions of the history may be picked; the older is shown first.
import { getJson } from "../api";
import { here, setQuery, withQuery } from "../app/router";
import { Status, useLoad, useTitle } from "../app/screen";
import { Link } from "../app/ui";
import type { DocScreenProps } from "../screens/documents";
import { versionChoices } from "./history";
import type { DocRead, HistoryRow } from "./view/types";
import "./view/view.css";
import "./review/review.css";

const versionOf = (text: string | null): number => (text && /^[1-9]\d{0,9}$/.test(text) ? Number(text) : 0);

export default function DocCompare({ kind, id }: DocScreenProps) {
  const query = here.value.query;
  const self = `${kind.path}/${id}`;
  const api = `/api/v1/${kind.folder}/${id}`;
  const setup = useLoad(async () => {
    const [history, parts] = await Promise.all([
      getJson<{ versions: HistoryRow[] }>(`${api}/history`).then((h) => h.versions), kind.parts()]);
    return { history, parts };
  }, [api]);
  const rows = setup.data?.history ?? [];
  const known = new Set(rows.map((r) => r.version));
  const newest = Math.max(0, ...known);
  const askedFrom = versionOf(query.get("dari")) || 1;
  const askedTo = versionOf(query.get("ke")) || newest;
  // The older on the left ("sebelum"), whatever order they were picked in.
  const from = Math.min(askedFrom, askedTo);
  const to = Math.max(askedFrom, askedTo);
  const missing = setup.data ? [askedFrom, askedTo].filter((v) => !known.has(v)) : [];
  const ready = !!setup.data && !missing.length && from !== to;
  const compared = useLoad(async () => {
    if (!ready) return null;
    const [diff, read] = await Promise.all([
      getJson<unknown>(`${api}/diff?from=${from}&to=${to}`),
      getJson<DocRead>(`${api}?version=${to}`)]);
    return { diff, read };
  }, [api, ready, from, to]);
  const read = compared.data?.read;
  const title = read ? [read.document.number, read.document.title].filter(Boolean).join(" ") : kind.label;
  useTitle(`Bandingkan versi ${from} dan ${to} — ${title}`);
  const choices = versionChoices(rows);
  const pick = (label: string, param: "dari" | "ke", value: number) => (
    <label class="range">
      <span>{label}</span>
      <select value={String(value)} data-testid={`compare-${param}`}
        onChange={(ev) => setQuery({ [param]: (ev.target as HTMLSelectElement).value })}>
        {choices.map(([n, text]) => <option key={n} value={String(n)}>{text}</option>)}
      </select>
    </label>);
  const { Changes } = setup.data?.parts ?? {};
  return (
    <div class="compare">
      <h2 data-testid="compare-title">{`Bandingkan versi ${from} dan ${to}`}</h2>
      <p class="doc-meta">{read ? `${kind.label} ${title}` : ""}{read && " · "}
        <Link href={self}>Kembali ke dokumen</Link>{" · "}
        <Link href={withQuery(self, { version: String(from) })}>{`Buka versi ${from}`}</Link>{" · "}
        <Link href={withQuery(self, { version: String(to) })}>{`Buka versi ${to}`}</Link></p>
      <Status loading={setup.loading} error={setup.error}>
        <form class="compare-form" onSubmit={(ev) => ev.preventDefault()}>
          {pick("Versi", "dari", askedFrom)}
          {pick("dibandingkan dengan versi", "ke", askedTo)}
        </form>
        {missing.length > 0 && <p class="notice bad" role="alert">{`Versi ${missing.join(" dan ")} tidak ada dalam riwayat dokumen ini.`}</p>}
        {!missing.length && from === to && <p class="notice">Pilih dua versi yang berbeda untuk dibandingkan.</p>}
        <Status loading={ready && compared.loading} error={compared.error}>
          {ready && compared.data && Changes && (
            <section class="review-section" data-testid="changes" aria-label={`Perubahan dari versi ${from} ke versi ${to}`}>
              <Changes id={id} from={from} to={to} draft={false} diff={compared.data.diff} document={compared.data.read.document} />
            </section>)}
        </Status>
      </Status>
    </div>
  );
}
