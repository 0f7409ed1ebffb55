// Small building blocks every screen uses: in-app links, labelled fields with their error, and
// the state badge read from the workflow table.
import type { AnchorHTMLAttributes, ComponentChildren } from "preact";
import { useId } from "preact/hooks";
import { followLink } from "./router";
import { stateOf, phaseOf } from "../status";

type AnchorProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/** A real link (a new tab works) that the router follows on a plain click. */
export function Link({ href, children, ...rest }: AnchorProps) {
  return <a href={href} {...rest} onClick={(ev) => followLink(ev, href)}>{children}</a>;
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
