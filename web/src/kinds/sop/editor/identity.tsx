// The SOP's identity block (Bagian Identitas, PermenPAN-RB 35/2012): number, title,
// classification, dates, legal basis, qualifications, related SOPs, equipment, warning, records.
// The effective date and the signer are filled in at ratification and only shown.
import { DateField } from "../../../app/date_field";
import { formatDate } from "../../../format";
import { FieldError, problemsAt, useForm } from "./context";
import { ChoiceField, ListField, TextField } from "./fields";

type Related = { title: string; kind: "prasyarat" | "lanjutan" | "terkait" | "bagian_dari"; sop?: string };
const relatedKinds: [Related["kind"], string][] = [
  ["prasyarat", "Prasyarat"], ["lanjutan", "Lanjutan"], ["terkait", "Terkait"], ["bagian_dari", "Bagian dari"],
];

function Day({ label, name }: { label: string; name: "created" | "revised" }) {
  const ctx = useForm();
  const path = `/dates/${name}`;
  const value = ctx.doc.dates?.[name] ?? "";
  if (ctx.readOnly)
    return <div class="sf-field" data-part={path}><span class="sf-label">{label}</span><span>{value ? formatDate(value) : "—"}</span></div>;
  return (
    <div class="sf-field" data-part={path} data-path={path}>
      <DateField label={label} value={value} error={problemsAt(ctx, path).map((p) => p.message).join(" ") || undefined}
        onChange={(day) => ctx.update((d) => {
          d.dates = { ...d.dates };
          if (day) d.dates[name] = day;
          else delete d.dates[name];
        })} />
      <ctx.Notes path={path} />
    </div>
  );
}

function RelatedList() {
  const ctx = useForm();
  const related = (ctx.doc.related ?? []) as Related[];
  return (
    <fieldset class="sf-field wide sf-related" data-part="/related" data-path="/related">
      <legend>Keterkaitan</legend>
      {!related.length && <p class="hint">Belum ada SOP terkait.</p>}
      <ul>
        {related.map((r, i) => (
          <li key={i}>
            <input type="text" value={r.title} readOnly={ctx.readOnly} aria-label={`Nama SOP terkait ${i + 1}`}
              data-path={`/related/${i}/title`} data-key={`related:${i}`}
              onInput={(ev) => ctx.update((d) => { (d.related as Related[])[i].title = (ev.target as HTMLInputElement).value; })} />
            <select value={r.kind} disabled={ctx.readOnly} aria-label={`Jenis keterkaitan ${i + 1}`}
              onChange={(ev) => ctx.update((d) => { (d.related as Related[])[i].kind = (ev.target as HTMLSelectElement).value as Related["kind"]; })}>
              {relatedKinds.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
            </select>
            {!ctx.readOnly && (
              <button type="button" class="small secondary" aria-label={`Hapus SOP terkait ${i + 1}`}
                onClick={() => ctx.update((d) => { d.related = (d.related as Related[]).filter((_, k) => k !== i); })}>Hapus</button>
            )}
            <FieldError path={`/related/${i}/title`} />
          </li>
        ))}
      </ul>
      {!ctx.readOnly && (
        <button type="button" class="small secondary" onClick={() => {
          ctx.update((d) => { d.related = [...((d.related ?? []) as Related[]), { title: "", kind: "terkait" }]; });
          ctx.focusLater(`related:${related.length}`);
        }}>Tambah SOP terkait</button>
      )}
      <ctx.Notes path="/related" within />
    </fieldset>
  );
}

export function Identity() {
  const ctx = useForm();
  const doc = ctx.doc;
  const unit = ctx.org?.units.get(doc.unit);
  const effective = doc.dates?.effective;
  return (
    <fieldset class="sf-section" id="bagian-identitas" tabIndex={-1}>
      <legend>Identitas SOP</legend>
      <div class="sf-grid">
        <TextField label="Nomor SOP" path="/number" value={doc.number} set={(d, v) => { d.number = v; }}
          hint="Menurut tata naskah dinas instansi." />
        <TextField label="Nama SOP" path="/title" value={doc.title} set={(d, v) => { d.title = v ?? ""; }} />
        <div class="sf-field">
          <span class="sf-label">Unit</span>
          <span data-testid="sop-unit">{unit?.name ?? "…"}</span>
        </div>
        <div class="sf-field">
          <span class="sf-label">Tanggal efektif</span>
          <span>{effective ? formatDate(effective) : "Diisi saat pengesahan"}</span>
        </div>
        <ChoiceField label="Sifat" path="/classification/nature" value={doc.classification?.nature}
          options={[["administratif", "Administratif"], ["teknis", "Teknis"]]}
          set={(d, v) => { d.classification = { ...d.classification, nature: v as "teknis" | undefined }; }} />
        <ChoiceField label="Cakupan" path="/classification/scope" value={doc.classification?.scope}
          options={[["mikro", "Mikro"], ["makro", "Makro"]]}
          set={(d, v) => { d.classification = { ...d.classification, scope: v as "mikro" | undefined }; }} />
        <ChoiceField label="Kelengkapan" path="/classification/completeness" value={doc.classification?.completeness}
          options={[["final", "Final"], ["parsial", "Parsial"]]}
          set={(d, v) => { d.classification = { ...d.classification, completeness: v as "final" | undefined }; }} />
        <ChoiceField label="Keberlakuan" path="/classification/applicability" value={doc.classification?.applicability}
          options={[["spesifik", "Spesifik"], ["generik", "Generik"]]}
          set={(d, v) => { d.classification = { ...d.classification, applicability: v as "spesifik" | undefined }; }} />
        <Day label="Tanggal pembuatan" name="created" />
        <Day label="Tanggal revisi" name="revised" />
        <ListField label="Dasar hukum" path="/legal_basis" value={doc.legal_basis} set={(d, v) => { d.legal_basis = v; }} />
        <ListField label="Kualifikasi pelaksana" path="/qualifications" value={doc.qualifications} set={(d, v) => { d.qualifications = v; }} />
        <ListField label="Peralatan / perlengkapan" path="/equipment" value={doc.equipment} set={(d, v) => { d.equipment = v; }} />
        <ListField label="Pencatatan dan pendataan" path="/records" value={doc.records} set={(d, v) => { d.records = v; }} />
        <TextField label="Peringatan" path="/warning" wide multiline value={doc.warning} set={(d, v) => { d.warning = v; }}
          hint="Akibat bila SOP tidak dilaksanakan." />
        <RelatedList />
      </div>
    </fieldset>
  );
}
