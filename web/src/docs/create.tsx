// Placeholder until the creation form lands.
import type { DocScreenProps } from "../screens/documents";

export default function DocCreate({ kind }: DocScreenProps) {
  return <h2>{`Buat ${kind.label} baru`}</h2>;
}
