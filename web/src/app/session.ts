// Who is signed in, for every screen.
import { computed, signal } from "@preact/signals";
import type { Me } from "../api";

export const me = signal<Me | null>(null);

export const hasRole = (role: string): boolean => !!me.value?.grants.some((g) => g.role === role);
export const isAdmin = computed(() => hasRole("admin"));
/** The unit of the first grant of a role (where a penyusun drafts by default). */
export const unitOfRole = (role: string): string | undefined => me.value?.grants.find((g) => g.role === role)?.unit;
