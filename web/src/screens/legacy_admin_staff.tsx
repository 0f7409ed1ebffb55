import { DomScreen } from "../app/screen";
import { renderAdminStaff } from "../pages/admin_staff";

export default function AdminStaff() {
  return <DomScreen render={renderAdminStaff} />;
}
