import { DomScreen } from "../app/screen";
import { renderAdminAccounts } from "../pages/admin_accounts";

export default function AdminAccounts() {
  return <DomScreen render={renderAdminAccounts} />;
}
