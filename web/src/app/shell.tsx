// The shell: sign-in, the header with the instansi, the menu for the signed-in person's roles,
// and the current screen. On every navigation the tab's title changes and the focus moves to
// the new screen's heading, so a screen reader announces where the person is.
import type { ComponentType } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { send } from "../api";
import { loadWorkflow } from "../status";
import { renderLogin } from "../pages/login";
import { renderPassword } from "../pages/password";
import { instansi, logoSrc } from "./instansi";
import { AsOfBanner, AsOfPicker, NotOnAnotherDay, writesOnly } from "./as_of";
import { asOfDay, here, navigate, navigateExactly } from "./router";
import { DomScreen, useTitle } from "./screen";
import { screenOf, screens, type ScreenEntry, type ScreenProps } from "./screens";
import { hasRole, isAdmin, me } from "./session";
import { Link } from "./ui";

/** Moves the focus to the first heading the new screen shows (it may arrive after its data). */
function focusHeading(main: HTMLElement): () => void {
  const take = (): boolean => {
    const heading = main.querySelector<HTMLElement>("h2, h1");
    if (!heading) return false;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: false });
    return true;
  };
  if (take()) return () => {};
  const watch = new MutationObserver(() => {
    if (!take()) return;
    watch.disconnect();
    clearTimeout(giveUp);
  });
  watch.observe(main, { childList: true, subtree: true });
  // A screen without a heading: the focus goes to its content, once.
  const giveUp = window.setTimeout(() => { watch.disconnect(); main.focus(); }, 3000);
  return () => { watch.disconnect(); clearTimeout(giveUp); };
}

function Header({ menuOpen, toggleMenu }: { menuOpen: boolean; toggleMenu: () => void }) {
  const person = me.value;
  const place = instansi.value;
  const logout = async () => {
    try {
      await send("DELETE", "/api/v1/session");
    } finally {
      me.value = null;
      navigateExactly("/masuk");
    }
  };
  return (
    <header class="top">
      <div class="brand">
        {place?.logo && <img class="logo" src={logoSrc(place)} alt={`Logo ${place.name}`} data-testid="instansi-logo" />}
        <div>
          <h1><Link href="/">Sopan</Link></h1>
          <p class="tagline">{place?.name ?? "SOP Administrasi Pemerintahan dan Peta Proses Bisnis"}</p>
        </div>
      </div>
      {person && (
        <>
          <button type="button" class="light menu-toggle" aria-expanded={menuOpen} aria-controls="menu-utama"
            onClick={toggleMenu}>Menu</button>
          <AsOfPicker />
          <div class="who">
            <span data-testid="who">{person.name} ({person.username})</span>
            <Link href="/ganti-sandi">Ganti sandi</Link>
            <Link href="/token-git">Token git</Link>
            <button type="button" class="light" onClick={() => void logout()}>Keluar</button>
          </div>
        </>
      )}
    </header>
  );
}

function Menu({ path, open }: { path: string; open: boolean }) {
  const current = screenOf(path).screen;
  return (
    <nav class={`menu${open ? " open" : ""}`} id="menu-utama" aria-label="Menu utama">
      <ul>
        {screens.filter((s) => s.menu === "all" || (s.menu === "admin" && isAdmin.value) ||
          (s.menu === "audit" && (isAdmin.value || hasRole("auditor")))).map((s) => (
          <li key={s.path}>
            <Link href={s.path} aria-current={s === current ? "page" : undefined}>{s.title}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Loads a screen's code once and shows it. */
function useScreen(entry: ScreenEntry): ComponentType<ScreenProps> | null | "failed" {
  const cache = useRef(new Map<ScreenEntry, ComponentType<ScreenProps>>());
  const [, setLoaded] = useState(0);
  const [failed, setFailed] = useState<ScreenEntry | null>(null);
  const known = cache.current.get(entry);
  useEffect(() => {
    if (known) return;
    let live = true;
    entry.load().then((m) => {
      cache.current.set(entry, m.default);
      if (live) setLoaded((n) => n + 1);
    }, () => { if (live) setFailed(entry); });
    return () => { live = false; };
  }, [entry]);
  if (failed === entry) return "failed";
  return known ?? null;
}

function CurrentScreen({ path, search }: { path: string; search: string }) {
  const { screen, rest } = screenOf(path);
  useTitle(screen.title);
  const Screen = useScreen(screen);
  if (screen.admin && !isAdmin.value) {
    return (<><h2>Akses ditolak</h2>
      <p class="notice bad" role="alert">
        Anda tidak berwenang membuka halaman ini. Halaman admin hanya untuk pemegang peran Admin.</p></>);
  }
  if (asOfDay() && writesOnly(path)) return <NotOnAnotherDay />;
  if (Screen === "failed")
    return <p class="notice bad" role="alert">Halaman tidak dapat dimuat. Periksa sambungan lalu muat ulang.</p>;
  if (!Screen) return <p class="hint" role="status">Memuat…</p>;
  // A DOM-built screen is built anew for another query; a component reads the query itself.
  return <Screen key={screen.dom ? `${path}?${search}` : path} rest={rest} />;
}

export function App() {
  const { path, query } = here.value;
  const mainRef = useRef<HTMLElement>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const [workflowReady, setWorkflowReady] = useState<"no" | "yes" | "failed">("no");
  const first = useRef(true);
  const person = me.value;

  useEffect(() => {
    setMenuOpen(false);
    if (first.current) { first.current = false; return; }
    return focusHeading(mainRef.current!);
  }, [path]);
  useEffect(() => {
    if (!person) return;
    // States, actions and their labels for every screen.
    loadWorkflow().then(() => setWorkflowReady("yes"), () => setWorkflowReady("failed"));
  }, [person?.account_id]);

  let content;
  if (!person) {
    content = <DomScreen render={(t) => renderLogin(t, (signedIn) => {
      me.value = signedIn;
      navigate(path === "/masuk" ? "/" : path + location.search);
    })} />;
  } else if (person.must_change_password || path === "/ganti-sandi") {
    content = <DomScreen render={(t) => renderPassword(t, person.must_change_password, () => {
      me.value = { ...person, must_change_password: false };
      navigate("/");
    })} />;
  } else if (workflowReady === "failed") {
    content = <p class="notice bad" role="alert">Alur kerja tidak dapat dimuat dari server.</p>;
  } else if (workflowReady === "no") {
    content = <p class="hint" role="status">Memuat…</p>;
  } else {
    content = <CurrentScreen path={path} search={query.toString()} />;
  }
  return (
    <>
      <a href="#konten" class="skip">Lompat ke konten</a>
      <Header menuOpen={menuOpen} toggleMenu={() => setMenuOpen(!menuOpen)} />
      {person && <Menu path={path} open={menuOpen} />}
      <main id="konten" tabIndex={-1} ref={mainRef}>{person && <AsOfBanner />}{content}</main>
      <footer>Setiap perubahan tercatat sebagai komit git yang tidak dapat diubah.</footer>
    </>
  );
}
