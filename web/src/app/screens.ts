// Every screen of the app: its address, its menu entry, who may open it, and its code, loaded
// when it is first opened (only the shell is in the first download).
import type { ComponentType } from "preact";

export interface ScreenProps {
  /** The rest of the path after the screen's own (e.g. "<id>/sunting" under /sop). */
  rest: string;
}

export interface ScreenEntry {
  path: string;
  title: string;
  /** In the menu for everyone signed in ("all"), for admins, for auditors and admins ("audit"),
   * or not at all. */
  menu: "all" | "admin" | "audit" | "none";
  admin?: boolean;
  load: () => Promise<{ default: ComponentType<ScreenProps> }>;
  /** DOM-built screens are rebuilt whenever the query changes. */
  dom?: boolean;
}

export const screens: ScreenEntry[] = [
  { path: "/", title: "Beranda", menu: "all", load: () => import("../screens/home") },
  { path: "/sop", title: "SOP", menu: "all", load: () => import("../screens/sop") },
  { path: "/peta", title: "Peta Proses", menu: "all", load: () => import("../screens/maps") },
  { path: "/sop-saya", title: "SOP Saya", menu: "all", load: () => import("../screens/my_docs") },
  { path: "/skor", title: "Skor RB", menu: "all", load: () => import("../score/screen") },
  // Before /audit: screenOf takes the first whose path prefixes the address.
  { path: "/audit/paket", title: "Paket Audit", menu: "none", load: () => import("../audit/packet") },
  { path: "/audit", title: "Audit", menu: "audit", load: () => import("../audit/timeline") },
  { path: "/token-git", title: "Token Akses Git", menu: "none", load: () => import("../tokens/screen") },
  { path: "/organisasi", title: "Struktur Organisasi", menu: "all", dom: true, load: () => import("../screens/legacy_org") },
  { path: "/admin/unit", title: "Kelola Unit", menu: "admin", admin: true, dom: true, load: () => import("../screens/legacy_admin_units") },
  { path: "/admin/pegawai", title: "Pegawai", menu: "admin", admin: true, dom: true, load: () => import("../screens/legacy_admin_staff") },
  { path: "/admin/akun", title: "Akun & Peran", menu: "admin", admin: true, dom: true, load: () => import("../screens/legacy_admin_accounts") },
  { path: "/admin/instansi", title: "Instansi", menu: "admin", admin: true, load: () => import("../screens/admin_instansi") },
  { path: "/admin/impor", title: "Impor", menu: "admin", admin: true, dom: true, load: () => import("../screens/legacy_admin_import") },
];

export function screenOf(path: string): { screen: ScreenEntry; rest: string } {
  const screen = screens.find((s) => path === s.path || (s.path !== "/" && path.startsWith(s.path + "/")));
  if (!screen) return { screen: screens[0], rest: "" };
  return { screen, rest: path.slice(screen.path.length + 1) };
}
