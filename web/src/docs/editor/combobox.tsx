// A text field that searches a long list as the person types (the ARIA 1.2 combobox with a list
// box): ↓/↑ move through the matches, Enter takes one, Esc gives up. Nothing is chosen by typing
// alone: leaving the field without taking a match keeps the value it had, so a stored value the
// list does not know is never lost by touching the field.
import { useId, useRef, useState } from "preact/hooks";

export interface ComboOption<T> {
  key: string;
  label: string;
  /** A second line (e.g. the unit of a position). */
  detail?: string;
  value: T;
}

export function Combobox<T>({ shown, search, pick, label, invalid, describedBy, disabled, path, testId, inputRef }: {
  /** The current value in words (shown while not searching). */
  shown: string;
  /** The options for what is typed ("" = the first ones). */
  search: (query: string) => ComboOption<T>[];
  pick: (value: T) => void;
  label: string;
  invalid?: boolean;
  describedBy?: string;
  disabled?: boolean;
  path?: string;
  testId?: string;
  inputRef?: (el: HTMLInputElement | null) => void;
}) {
  const id = useId();
  const [query, setQuery] = useState<string | null>(null);  // null: not searching
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const open = query !== null;
  const options = open ? search(query) : [];
  const at = Math.min(active, options.length - 1);
  const optionId = (i: number) => `${id}-o${i}`;

  const close = () => { setQuery(null); setActive(0); };
  const take = (o: ComboOption<T> | undefined) => {
    close();
    if (o) pick(o.value);
  };
  const move = (to: number) => {
    const next = Math.max(0, Math.min(options.length - 1, to));
    setActive(next);
    list.current?.querySelector(`#${CSS.escape(optionId(next))}`)?.scrollIntoView({ block: "nearest" });
  };

  return (
    <div class="ed-combo">
      <input ref={inputRef} type="text" role="combobox" aria-label={label} aria-expanded={open && options.length > 0}
        aria-controls={`${id}-list`} aria-autocomplete="list" autocomplete="off" spellcheck={false}
        aria-activedescendant={open && at >= 0 ? optionId(at) : undefined}
        aria-invalid={invalid ? "true" : undefined} aria-describedby={describedBy} disabled={disabled}
        data-path={path} data-testid={testId}
        value={open ? query : shown}
        onInput={(ev) => { setQuery((ev.target as HTMLInputElement).value); setActive(0); }}
        onKeyDown={(ev) => {
          if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
          if (ev.key === "ArrowDown") {
            ev.preventDefault();
            if (!open) { setQuery(""); setActive(0); } else move(at + 1);
          } else if (ev.key === "ArrowUp" && open) {
            ev.preventDefault();
            move(at - 1);
          } else if (ev.key === "Enter" && open) {
            ev.preventDefault();
            take(options[at]);
          } else if (ev.key === "Escape" && open) {
            ev.preventDefault();
            ev.stopPropagation();
            close();
          }
        }}
        onFocus={(ev) => (ev.target as HTMLInputElement).select()}
        onBlur={close} />
      <ul id={`${id}-list`} role="listbox" ref={list} aria-label={`Pilihan ${label}`} class="ed-combo-list" hidden={!open || !options.length}>
        {options.map((o, i) => (
          <li key={o.key} id={optionId(i)} role="option" aria-selected={i === at}
            onMouseDown={(ev) => { ev.preventDefault(); take(o); }}>
            <span>{o.label}</span>
            {o.detail && <small>{o.detail}</small>}
          </li>
        ))}
      </ul>
    </div>
  );
}
