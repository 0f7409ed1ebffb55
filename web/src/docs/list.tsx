// The documents of a kind: by unit (with its sub-units), state, the kind's own filters and
// words, or as they stood on the day the app shows (the header's picker, `?at=`). Every filter
// lives in the URL, so a link or a reload shows the same list.
import { useEffect, useState } from "preact/hooks";
import { getJson, type Unit } from "../api";
import { here, setQuery, withQuery } from "../app/router";
import { Status, useLoad, useTimer, useTitle } from "../app/screen";
import { hasRole } from "../app/session";
import { Link } from "../app/ui";
import { workflow } from "../status";
import type { DocScreenProps } from "../screens/documents";
import { StateBadges } from "./view/badges";
import type { DocSummary } from "./view/types";
import "./view/view.css";

export default function DocList({ kind }: DocScreenProps) {
  useTitle(`Daftar ${kind.label}`);
  const query = here.value.query;
  const at = query.get("at") ?? "";
  const unit = query.get("unit") ?? "";
  const status = query.get("status") ?? "";
  const q = query.get("q") ?? "";
  const setup = useLoad(async () => {
    const [units, parts] = await Promise.all([
      getJson<{ items: Unit[] }>("/api/v1/units"), kind.parts()]);
    return { units: units.items, filters: parts.listFilters, searchHint: parts.searchHint };
  }, [kind]);
  const own = Object.fromEntries((setup.data?.filters ?? []).map((f) => [f.param, query.get(f.param) ?? ""]));
  const params = { unit, status, q, ...own, at };
  const key = withQuery("", params);
  const list = useLoad(() => getJson<{ items: DocSummary[] }>(withQuery(`/api/v1/${kind.folder}`, params)),
    [kind, key]);

  // The words are typed into the field at once and into the URL (and the list) after a pause.
  const [words, setWords] = useState(q);
  useEffect(() => { if (q !== words.trim()) setWords(q); }, [q]);  // back, forward, a link
  const later = useTimer();
  const unitName = new Map((setup.data?.units ?? []).map((u) => [u.id, u.name]));

  return (
    <>
      <h2>{`Daftar ${kind.label}`}</h2>
      <Status loading={setup.loading} error={setup.error}>
        <div class="filters list-filters">
          <select aria-label="Unit" value={unit} onChange={(ev) => setQuery({ unit: (ev.target as HTMLSelectElement).value })}>
            <option value="">Semua unit</option>
            {(setup.data?.units ?? []).filter((u) => !u.closed).map((u) => (
              <option key={u.id} value={u.id}>{"\u00a0\u00a0".repeat(u.depth ?? 0) + u.name}</option>))}
          </select>
          <select aria-label="Status" value={status} onChange={(ev) => setQuery({ status: (ev.target as HTMLSelectElement).value })}>
            <option value="">Semua status</option>
            {workflow().states.filter((s) => !s.shown_only).map((s) => <option key={s.code} value={s.code}>{s.label}</option>)}
          </select>
          {(setup.data?.filters ?? []).map((f) => (
            <select key={f.param} aria-label={f.label} value={own[f.param]}
              onChange={(ev) => setQuery({ [f.param]: (ev.target as HTMLSelectElement).value })}>
              <option value="">{f.all}</option>
              {f.options.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
            </select>))}
          <input type="search" aria-label={`Cari ${kind.label}`} value={words}
            placeholder={setup.data?.searchHint}
            onInput={(ev) => {
              const next = (ev.target as HTMLInputElement).value;
              setWords(next);
              later(() => setQuery({ q: next.trim() }), 250);
            }} />
          {hasRole("penyusun") && !at && <Link class="button" href={`${kind.path}/baru`}>{`Buat ${kind.label} baru`}</Link>}
        </div>
      </Status>
      <Status loading={list.loading && !list.data} error={list.error}>
        <table class="grid stack doc-list" data-testid="sop-table" aria-busy={list.loading}>
          <thead><tr><th scope="col">Nomor</th><th scope="col">Judul</th><th scope="col">Unit</th>
            <th scope="col">Status</th><th scope="col">Versi</th></tr></thead>
          <tbody>
            {(list.data?.items ?? []).map((s) => (
              <tr key={s.id}>
                <td class="number">{s.number || "—"}</td>
                <td class="title"><Link href={withQuery(`${kind.path}/${s.id}`, { at })}>{s.title || "(tanpa judul)"}</Link></td>
                <td data-label="Unit">{unitName.get(s.unit) ?? "—"}</td>
                {/* On a past day the state is that day's; today's overdue marks do not apply. */}
                <td><StateBadges facts={at ? { status: s.status } : s} records={kind.records} /></td>
                <td data-label="Versi">{String(at ? s.in_force?.version ?? "—" : s.last_version)}</td>
              </tr>))}
            {list.data && !list.data.items.length &&
              <tr><td colSpan={5}>{`Belum ada ${kind.label} yang cocok.`}</td></tr>}
          </tbody>
        </table>
      </Status>
    </>
  );
}
