import { DomScreen } from "../app/screen";
import { renderAdminImport } from "../pages/admin_import";

export default function AdminImport() {
  return <DomScreen render={renderAdminImport} />;
}
