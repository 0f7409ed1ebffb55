// The live check beside every kind's form: the document goes to the kind's renderer
// (POST /api/v1/render/<kind>) a moment after each change, which answers its drawing and the
// rules' findings for that very document; an answer for an older document is dropped.
import { useEffect, useState } from "preact/hooks";
import { ApiError, send } from "../../api";
import { useTimer } from "../../app/screen";
import type { Problem } from "../kinds";

export function useLiveRender<T extends { problems: Problem[] }>(route: string, id: string, document: Record<string, unknown>,
  onChecked: (problems: Problem[], of: Record<string, unknown>) => void): { answer: T | null; error: string } {
  const [answer, setAnswer] = useState<T | null>(null);
  const [error, setError] = useState("");
  const later = useTimer();
  useEffect(() => {
    let live = true;
    later(async () => {
      try {
        const r = await send<T>("POST", route, { document, id });
        if (!live) return;
        setAnswer(r);
        setError("");
        onChecked(r.problems, document);
      } catch (e) {
        if (!live) return;
        setError(e instanceof ApiError ? e.message : "Pratinjau tidak dapat digambar.");
        if (e instanceof ApiError && e.details.length) onChecked(e.details, document);
      }
    }, answer === null ? 0 : 500);
    return () => { live = false; };
  }, [document]);
  return { answer, error };
}
