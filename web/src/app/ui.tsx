// Small building blocks every screen uses: in-app links, labelled fields with their error, and
// the state badge read from the workflow table.
import type { AnchorHTMLAttributes, ComponentChildren } from "preact";
import { useId, useState } from "preact/hooks";
import { followLink, keepingDay } from "./router";
import { stateOf, phaseOf } from "../status";

type AnchorProps = AnchorHTMLAttributes<HTMLAnchorElement> & {
  href: string;
  /** Leaves the day the app shows when `href` names none (the way back to today). */
  exact?: boolean;
};

/** A real link (a new tab works) that the router follows on a plain click; while the app shows
 * another day the link keeps it (`?at=`), so a new tab shows that day too. */
export function Link({ href, exact, children, ...rest }: AnchorProps) {
  const to = exact ? href : keepingDay(href);
  return <a href={to} {...rest} onClick={(ev) => followLink(ev, to)}>{children}</a>;
}

/** A label, its control and, under it, the hint or the error (announced with the control). */
export function Field({ label, hint, error, children }: {
  label: string; hint?: string; error?: string;
  children: (id: string, describedBy: string | undefined) => ComponentChildren;
}) {
  const id = useId();
  const note = error || hint ? `${id}-note` : undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children(id, note)}
      {error ? <small id={note} class="field-error">{error}</small> : hint ? <small id={note} class="hint">{hint}</small> : null}
    </div>
  );
}

export function StatusBadge({ status, prefix = "" }: { status: string; prefix?: string }) {
  return <span class={`badge phase-${phaseOf(status)} status-${status}`} data-testid="status-badge" data-status={status}>
    {prefix + (stateOf(status)?.label ?? status)}</span>;
}

/** A file field whose button and "no file yet" text are in Indonesian: the browser's own file
 * input speaks the browser's language ("Choose File"). The input stays the labelled control. */
export function FilePicker({ label, accept, disabled, error, onFile }: {
  label: string; accept: string; disabled?: boolean; error?: string;
  onFile: (file: File, input: HTMLInputElement) => void;
}) {
  const id = useId();
  const [name, setName] = useState("");
  return (
    <div class="field">
      <span id={`${id}-label`} class="label">{label}</span>
      <label class={`file-button${disabled ? " disabled" : ""}`}>
        <input type="file" accept={accept} disabled={disabled} aria-labelledby={`${id}-label`}
          aria-describedby={`${id}-chosen`}
          onChange={(ev) => {
            const input = ev.target as HTMLInputElement;
            const file = input.files?.[0];
            setName(file?.name ?? "");
            if (file) onFile(file, input);
          }} />
        <span aria-hidden="true">Pilih berkas…</span>
      </label>
      <small id={`${id}-chosen`} class={error ? "field-error" : "hint"} role={error ? "alert" : undefined}>
        {error || name || "Belum ada berkas dipilih."}</small>
    </div>
  );
}
