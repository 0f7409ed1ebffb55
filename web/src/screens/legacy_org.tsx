import { useCallback } from "preact/hooks";
import { DomScreen } from "../app/screen";
import type { ScreenProps } from "../app/screens";
import { renderOrg } from "../pages/org";

export default function Org({ rest }: ScreenProps) {
  const render = useCallback((t: HTMLElement) => renderOrg(t, rest), [rest]);
  return <DomScreen render={render} />;
}
