// The score screens by address: /skor the dashboard, /skor/rubrik the rubrics, /skor/rubrik/<id>
// a rubric's document (its editor for an admin), /skor/rubrik/baru?dari=<id> a new one copied.
import type { ScreenProps } from "../app/screens";
import ScoreDashboard from "./dashboard";
import RubricEditor from "./rubric_editor";
import RubricList from "./rubrics";

export default function ScoreScreen({ rest }: ScreenProps) {
  const [part, id] = rest.split("/");
  if (part === "rubrik" && id) return <RubricEditor key={id} id={decodeURIComponent(id)} />;
  if (part === "rubrik") return <RubricList />;
  return <ScoreDashboard />;
}
