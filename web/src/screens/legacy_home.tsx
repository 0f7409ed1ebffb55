import { DomScreen } from "../app/screen";
import { renderHome } from "../pages/home";

export default function Home() {
  return <DomScreen render={renderHome} />;
}
