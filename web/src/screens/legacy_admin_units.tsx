import { DomScreen } from "../app/screen";
import { renderAdminUnits } from "../pages/admin_units";

export default function AdminUnits() {
  return <DomScreen render={renderAdminUnits} />;
}
