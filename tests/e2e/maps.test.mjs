// Business-process maps in Debian's Chromium, on the demo instansi, as its people use them: a
// pegawai browses from the level-0 map down to a cross-functional map and opens the SOP that
// details one of its activities; the penyusun edits the draft cross-functional map of Diskominfo
// in bpmn-js (an activity appended from the context pad, named, linked to a SOP in the panel) and
// submits it; the verifikator reviews the change marked on both diagrams and verifies; the
// pengesah ratifies; the coverage of Diskominfo counts the new activity with its SOP. Every map
// screen is checked at the desk and on a phone (no overflow, no serious axe finding).
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertQuiet, checkBothSizes, desk, serverAndBrowser, signIn, watchedPage } from "./support.mjs";

const env = serverAndBrowser({ name: "Pemerintah Kabupaten Contoh", demo: true });
const draftMap = "Pengembangan Aplikasi Layanan";
const newActivity = "Menguji aplikasi bersama pengguna";
const linkedSop = "Penanganan Pengaduan Masyarakat";

/** A fresh signed-in page for `user`, on the home page. */
async function as(user, viewport = { width: 1400, height: 1000 }) {
  const page = await watchedPage(env.browser, viewport);
  await signIn(page, env.server.url, user);
  return page;
}

/** The demo's Diskominfo unit (code 2.16), by its id. */
async function kominfo(page) {
  const { items } = await (await page.request.get(env.server.url + "/api/v1/units")).json();
  return items.find((u) => u.code === "2.16").id;
}

async function coverage(page, unit) {
  const r = await page.request.get(`${env.server.url}/api/v1/coverage?unit=${unit}`);
  assert.equal(r.status(), 200, await r.text());
  return r.json();
}

/** The map's open draft once `ok(document)` holds (the editor saves a moment after a change). */
async function draftWhen(page, id, ok, what) {
  for (const end = Date.now() + 20000; ;) {
    const { document } = await (await page.request.get(`${env.server.url}/api/v1/maps/${id}?version=draft`)).json();
    if (ok(document)) return document;
    assert.ok(Date.now() < end, `the draft comes to hold ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** Signs in as `user` and opens the map from "Menunggu Anda" (`task`: the action it waits for). */
async function fromTasks(user, task, mapId) {
  const page = await as(user);
  await page.getByTestId(`tasks-${task}`).getByRole("link", { name: new RegExp(draftMap) }).click();
  await page.waitForURL(new RegExp(`/peta/${mapId}$`));
  return page;
}

/** Takes a workflow action from the document's buttons, in its dialog. */
async function act(page, label, reason, fill = async () => {}) {
  await page.getByRole("button", { name: label, exact: true }).click();
  const dialog = page.getByTestId("action-form");
  await dialog.getByLabel("Alasan / catatan").fill(reason);
  await fill(dialog);
  await dialog.getByRole("button", { name: label, exact: true }).click();
}

/** Opens the menu's "Peta Proses" (behind the menu button on a phone). */
async function openMaps(page) {
  if ((page.viewportSize()?.width ?? desk.width) < 640) await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("navigation", { name: "Menu utama" }).getByRole("link", { name: "Peta Proses" }).click();
  await page.getByRole("heading", { name: "Peta Proses Bisnis", level: 2 }).waitFor();
}

/** The process group of the server's diagram that names `text` (a drill-down link). */
const processGroup = (page, text) => page.getByTestId("map-svg").locator("g.process[data-map]").filter({ hasText: text });

test("a pegawai zooms from level 0 down to a cross-functional map and opens a linked SOP", async () => {
  const page = await as("pegawai");
  await openMaps(page);
  const crumbs = page.getByTestId("crumbs");
  await crumbs.getByText("Level 0").waitFor();
  await page.getByTestId("map-svg").locator("svg").waitFor();
  await checkBothSizes(page, "map browser, level 0", { env, shots: "maps" });

  // Level 0 → 5 Pelayanan Informasi dan Komunikasi Publik, by the keyboard.
  await processGroup(page, "Informasi").first().focus();
  await page.keyboard.press("Enter");
  await crumbs.getByText(/^5 Pelayanan Informasi dan Komunikasi Publik$/).waitFor();
  assert.equal(await crumbs.getByRole("link", { name: "Level 0" }).count(), 1, "level 0 is a way back");
  await page.getByTestId("map-svg").locator("svg").waitFor();
  await checkBothSizes(page, "map browser, level 1", { env, shots: "maps" });

  // → 5.2 Pengelolaan Pengaduan Masyarakat, a cross-functional map shown by bpmn-js.
  await processGroup(page, "Pengaduan").first().click();
  await crumbs.getByText(/^5\.2 Pengelolaan Pengaduan Masyarakat$/).waitFor();
  const diagram = page.getByTestId("bpmn-view");
  await diagram.locator(".bpmn-box[data-ready]").waitFor();
  assert.ok(await diagram.locator('.djs-element[data-element-id="Task_Catat"]').count() > 0, "the activity is drawn");
  assert.equal(await diagram.locator(".bjs-powered-by").count(), 1, "bpmn.io's watermark stays");
  assert.deepEqual((await crumbs.locator("li").allTextContents()).map((t) => t.trim()),
    ["Level 0", "5 Pelayanan Informasi dan Komunikasi Publik", "5.2 Pengelolaan Pengaduan Masyarakat"]);
  await checkBothSizes(page, "map browser, cross-functional", { env, shots: "maps" });

  // A click on the activity on the canvas shows the SOP that details it; that link opens it.
  await diagram.locator('.djs-element[data-element-id="Task_Catat"]').click();
  const item = page.getByTestId("activities").locator('[data-activity="Task_Catat"]');
  await item.getByTestId("sop-links").getByRole("link", { name: new RegExp(linkedSop) }).waitFor();
  await checkBothSizes(page, "map browser, an activity's SOPs");
  await item.getByRole("link", { name: new RegExp(linkedSop) }).click();
  await page.getByTestId("sop-title").getByText(linkedSop).waitFor();
  assert.match(page.url(), /\/sop\/[0-9A-Z]{26}$/);

  // Back retraces the way.
  await page.goBack();
  await crumbs.getByText(/^5\.2 Pengelolaan/).waitFor();
  // 5.1's activities are detailed by a SOP still in draft: named as such, not a link.
  await crumbs.getByRole("link", { name: /^5 Pelayanan Informasi/ }).click();
  await processGroup(page, "Informasi Publik").first().click();
  await crumbs.getByText(/^5\.1 Pelayanan Informasi Publik$/).waitFor();
  await page.getByTestId("activities").locator('[data-activity="Task_Registrasi"] button').click();
  await page.getByTestId("activities").getByText("SOP yang belum berlaku (belum dapat Anda baca)").first().waitFor();
  assertQuiet(page);
  await page.context().close();
});

test("the map list, a map's page and the level-1 form read well at both sizes", async () => {
  const page = await as("penyusun");
  await page.goto(env.server.url + "/peta/daftar?classification=dekomposisi");
  const table = page.getByTestId("sop-table");
  await table.getByRole("link", { name: "Pelayanan Informasi dan Komunikasi Publik" }).waitFor();
  // The filtered answer replaces the first page once it arrives.
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="sop-table"] tbody tr').length === 2, null, { timeout: 10000 }
  ).catch(() => {});
  assert.equal(await table.locator("tbody tr").count(), 2, "the two decomposition maps of the demo");
  await checkBothSizes(page, "map list", { env, shots: "maps" });
  await table.getByRole("link", { name: "Pelayanan Informasi dan Komunikasi Publik" }).click();
  await page.getByTestId("identity").waitFor();
  await page.getByTestId("map-parent").getByText(/Peta Proses Bisnis.*, proses 5 Pelayanan Informasi/).waitFor();
  await page.getByTestId("map-svg").locator("svg").waitFor();
  await page.getByTestId("history").waitFor();
  await checkBothSizes(page, "map page, decomposition", { env, shots: "maps" });
  // Its editor: the form of processes with the preview drawn by the server.
  await page.goto(page.url() + "/sunting");
  await page.getByTestId("process-rows").locator("tbody tr").first().waitFor();
  await page.getByTestId("preview").locator("svg").waitFor();
  await page.getByRole("link", { name: "Buka peta rincian" }).first().waitFor();
  assert.ok(await page.getByRole("link", { name: "Buka peta rincian" }).count() >= 2, "detailed processes open their maps");
  await checkBothSizes(page, "map editor, decomposition", { env, shots: "maps" });

  // Level 0 on its page: the stakeholders, inputs, outputs and outcomes, the drawing, the
  // processes; its editor shows the form read-only to a penyusun of one OPD.
  const { items } = await (await page.request.get(env.server.url + "/api/v1/maps?classification=level0")).json();
  await page.goto(`${env.server.url}/peta/${items[0].id}`);
  await page.getByTestId("identity").getByText("Pemangku kepentingan", { exact: true }).waitFor();
  await page.getByTestId("process-table").locator("tbody tr").first().waitFor();
  await page.getByTestId("map-svg").locator("svg").waitFor();
  await checkBothSizes(page, "map page, level 0", { env, shots: "maps" });
  await page.goto(`${env.server.url}/peta/${items[0].id}/sunting`);
  await page.getByTestId("read-only").waitFor();
  assert.equal(await page.getByLabel("Pemangku kepentingan").inputValue() !== "", true, "the stakeholders, a line each");
  await checkBothSizes(page, "map editor, level 0 read-only", { env, shots: "maps" });
  assertQuiet(page);
  await page.context().close();
});

test("a cross-functional map edited in bpmn-js, linked to a SOP, reviewed, ratified, and counted in the coverage", async () => {
  // The penyusun opens the demo's draft map in the editor.
  let page = await as("penyusun");
  const unit = await kominfo(page);
  const before = await coverage(page, unit);
  await page.goto(env.server.url + "/peta/daftar?q=aplikasi");
  await page.getByTestId("sop-table").getByRole("link", { name: draftMap }).click();
  await page.getByRole("link", { name: "Sunting konsep" }).click();
  const modeler = page.getByTestId("modeler");
  await modeler.and(page.locator("[data-ready]")).waitFor();
  const mapId = page.url().match(/\/peta\/([0-9A-Z]{26})\/sunting$/)[1];
  await checkBothSizes(page, "map editor, cross-functional", { env, shots: "maps" });

  // An activity put between "Menganalisis kebutuhan aplikasi" and the end, with the canvas's
  // own tools: the flow between them deleted, a task appended from the context pad (named as
  // it is created), and connected on to the end event.
  const pad = (action) => page.locator(`.djs-context-pad .entry[data-action="${action}"]`);
  await modeler.locator('.djs-element[data-element-id="Flow_2"]').click({ force: true });
  await pad("delete").click();
  await modeler.locator('.djs-element[data-element-id="Task_Analisis"]').click();
  await pad("append.append-task").click();
  await page.keyboard.type(newActivity);
  await modeler.locator(".djs-container > svg").click({ position: { x: 5, y: 5 } });
  const added = modeler.locator(".djs-element.djs-shape").filter({ hasText: newActivity });
  await added.waitFor();
  await added.click();
  await pad("connect").click();
  await modeler.locator('.djs-element[data-element-id="End_Usul"]').click();
  // The new flow is selected once the connection is made; then the activity is picked.
  await page.getByTestId("element-panel").getByRole("heading", { name: /^Elemen terpilih: Flow_/ }).waitFor();
  // The first click after connecting may still belong to the connect tool: click until picked.
  const picked = page.getByTestId("element-panel").getByRole("heading", { name: `Elemen terpilih: ${newActivity}` });
  for (let tries = 0; !(await picked.isVisible()) && tries < 5; ++tries) {
    await added.click();
    await page.waitForTimeout(300);
  }

  // The panel links it to a SOP found by its words.
  const panel = page.getByTestId("element-panel");
  await panel.getByRole("heading", { name: `Elemen terpilih: ${newActivity}` }).waitFor();
  const search = panel.getByTestId("sop-search");
  await search.fill("pengaduan");
  await panel.getByRole("option", { name: new RegExp(linkedSop) }).waitFor();
  await search.press("Enter");  // the first match is the active one
  await panel.getByTestId("linked-sops").getByRole("link", { name: new RegExp(linkedSop) }).waitFor();
  await checkBothSizes(page, "map editor, an activity linked", { env, shots: "maps" });

  // It lands in the draft: the server's document has the activity with the SOP.
  const state = page.getByTestId("save-state");
  await draftWhen(page, mapId, (d) => (d.nodes ?? []).some((n) => n.name === newActivity && n.sops?.length === 1),
    "the new activity with its SOP");
  await state.getByText(/^Tersimpan/).waitFor();
  const bpmn = await (await page.request.get(`${env.server.url}/api/v1/maps/${mapId}/bpmn?version=draft`)).text();
  assert.match(bpmn, new RegExp(`name="${newActivity}"[^>]*sopan:sops="[0-9A-Z]{26}"|sopan:sops="[0-9A-Z]{26}"[^>]*name="${newActivity}"`),
    "the link is a sopan attribute in the BPMN");

  // Submitted from the editor.
  await page.getByRole("button", { name: "Ajukan…" }).first().click();
  const submit = page.getByTestId("submit-panel");
  await submit.getByLabel("Catatan untuk pemeriksa (boleh kosong)").fill("Aktivitas pengujian ditambahkan");
  await submit.getByRole("button", { name: "Ajukan sekarang" }).click();
  await page.getByTestId("read-only").waitFor();
  assertQuiet(page);
  await page.context().close();

  // The verifikator reads what changed in words and on both diagrams, and verifies.
  page = await fromTasks("verifikator", "verify", mapId);
  const changes = page.getByTestId("changes");
  const card = changes.getByTestId("element-change").filter({ has: page.locator("h4", { hasText: `Aktivitas “${newActivity}”` }) });
  await card.waitFor();
  assert.match(await card.textContent(), /baru/);
  await page.getByTestId("bpmn-after").locator(".bpmn-box[data-ready]").waitFor();
  await page.getByTestId("bpmn-before").locator(".bpmn-box[data-ready]").waitFor();
  assert.ok(await page.getByTestId("bpmn-after").locator(".djs-element.mark-added").count() >= 1, "the new activity is marked");
  await checkBothSizes(page, "map review", { env, shots: "maps" });
  await act(page, "Verifikasi", "Sesuai");
  await page.locator(".badge.status-diverifikasi").waitFor();
  assertQuiet(page);
  await page.context().close();

  // The pengesah signs with the password.
  page = await fromTasks("pengesah", "ratify", mapId);
  await act(page, "Sahkan", "Disahkan", (dialog) => dialog.getByLabel("Kata sandi (tanda tangan)").fill("sopan-demo"));
  await page.locator(".badge.status-berlaku").waitFor();
  await page.getByTestId("signature").waitFor();

  // The coverage of Diskominfo now counts the map's activities, the new one with its SOP.
  const after = await coverage(page, unit);
  assert.equal(after.totals.activities, before.totals.activities + 2, "Task_Analisis and the new activity");
  assert.equal(after.totals.activities_with_sop, before.totals.activities_with_sop + 1, "the new activity has its SOP");
  await page.goto(`${env.server.url}/peta/cakupan?unit=${unit}`);
  await page.getByTestId("coverage-totals").waitFor();
  assert.equal(await page.locator('[data-total="activities_with_sop"] dd').textContent(),
    `${after.totals.activities_with_sop} (${Math.round(100 * after.totals.activities_with_sop / after.totals.activities)}%)`);
  const gaps = page.getByTestId("coverage-aktivitas_tanpa_sop");
  await gaps.getByTestId("coverage-item").filter({ hasText: "Menganalisis kebutuhan aplikasi" }).waitFor();
  assert.equal(await gaps.getByText(newActivity).count(), 0, "the linked activity is no gap");
  // Each gap opens the document to fix it.
  assert.match(await gaps.getByTestId("coverage-item").filter({ hasText: "Menganalisis" }).getByRole("link").first().getAttribute("href"),
    new RegExp(`^/peta/${mapId}/sunting$`));
  await checkBothSizes(page, "coverage", { env, shots: "maps" });
  assertQuiet(page);
  await page.context().close();
});

// A BPMN file as Camunda Modeler writes it: a pool with two lanes, an exclusive gateway, a
// collapsed sub-process, and a timer event the map kind does not hold.
const camunda = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.20.0">
  <bpmn:collaboration id="Collaboration_1"><bpmn:participant id="Participant_1" name="Layanan Izin" processRef="Process_1" /></bpmn:collaboration>
  <bpmn:process id="Process_1" isExecutable="true" camunda:historyTimeToLive="180">
    <bpmn:laneSet id="LaneSet_1">
      <bpmn:lane id="Lane_Loket" name="Petugas loket"><bpmn:flowNodeRef>StartEvent_1</bpmn:flowNodeRef><bpmn:flowNodeRef>Activity_Terima</bpmn:flowNodeRef><bpmn:flowNodeRef>Gateway_Lengkap</bpmn:flowNodeRef><bpmn:flowNodeRef>Event_Tunggu</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="Lane_Kasi" name="Kepala seksi"><bpmn:flowNodeRef>Activity_Periksa</bpmn:flowNodeRef><bpmn:flowNodeRef>Event_Selesai</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="StartEvent_1" name="Permohonan masuk"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:task id="Activity_Terima" name="Menerima berkas"><bpmn:incoming>Flow_1</bpmn:incoming><bpmn:incoming>Flow_5</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing></bpmn:task>
    <bpmn:exclusiveGateway id="Gateway_Lengkap" name="Lengkap?"><bpmn:incoming>Flow_2</bpmn:incoming><bpmn:outgoing>Flow_3</bpmn:outgoing><bpmn:outgoing>Flow_4</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:subProcess id="Activity_Periksa" name="Memeriksa permohonan"><bpmn:incoming>Flow_3</bpmn:incoming><bpmn:outgoing>Flow_6</bpmn:outgoing></bpmn:subProcess>
    <bpmn:intermediateCatchEvent id="Event_Tunggu" name="Tunggu 3 hari"><bpmn:incoming>Flow_4</bpmn:incoming><bpmn:outgoing>Flow_5</bpmn:outgoing><bpmn:timerEventDefinition id="Timer_1" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="Event_Selesai" name="Izin terbit"><bpmn:incoming>Flow_6</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Activity_Terima" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Activity_Terima" targetRef="Gateway_Lengkap" />
    <bpmn:sequenceFlow id="Flow_3" name="Ya" sourceRef="Gateway_Lengkap" targetRef="Activity_Periksa" />
    <bpmn:sequenceFlow id="Flow_4" name="Tidak" sourceRef="Gateway_Lengkap" targetRef="Event_Tunggu" />
    <bpmn:sequenceFlow id="Flow_5" sourceRef="Event_Tunggu" targetRef="Activity_Terima" />
    <bpmn:sequenceFlow id="Flow_6" sourceRef="Activity_Periksa" targetRef="Event_Selesai" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1"><bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Collaboration_1">
    <bpmndi:BPMNShape id="Participant_1_di" bpmnElement="Participant_1" isHorizontal="true"><dc:Bounds x="130" y="60" width="700" height="300" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Lane_Loket_di" bpmnElement="Lane_Loket" isHorizontal="true"><dc:Bounds x="160" y="60" width="670" height="150" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Lane_Kasi_di" bpmnElement="Lane_Kasi" isHorizontal="true"><dc:Bounds x="160" y="210" width="670" height="150" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1"><dc:Bounds x="202" y="112" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Activity_Terima_di" bpmnElement="Activity_Terima"><dc:Bounds x="290" y="90" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Gateway_Lengkap_di" bpmnElement="Gateway_Lengkap" isMarkerVisible="true"><dc:Bounds x="445" y="105" width="50" height="50" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Activity_Periksa_di" bpmnElement="Activity_Periksa" isExpanded="false"><dc:Bounds x="550" y="240" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Event_Tunggu_di" bpmnElement="Event_Tunggu"><dc:Bounds x="562" y="112" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Event_Selesai_di" bpmnElement="Event_Selesai"><dc:Bounds x="722" y="262" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1"><di:waypoint x="238" y="130" /><di:waypoint x="290" y="130" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_2"><di:waypoint x="390" y="130" /><di:waypoint x="445" y="130" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="Flow_3_di" bpmnElement="Flow_3"><di:waypoint x="470" y="155" /><di:waypoint x="470" y="280" /><di:waypoint x="550" y="280" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="Flow_4_di" bpmnElement="Flow_4"><di:waypoint x="495" y="130" /><di:waypoint x="562" y="130" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="Flow_5_di" bpmnElement="Flow_5"><di:waypoint x="580" y="112" /><di:waypoint x="580" y="80" /><di:waypoint x="340" y="80" /><di:waypoint x="340" y="90" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="Flow_6_di" bpmnElement="Flow_6"><di:waypoint x="650" y="280" /><di:waypoint x="722" y="280" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>
`;

test("a new cross-functional map takes a Camunda Modeler file, listing the element it does not hold", async () => {
  const page = await as("penyusun");
  await page.goto(env.server.url + "/peta/baru");
  await page.getByLabel("Nama Peta Proses Bisnis").fill("Pelayanan Izin Reklame");
  assert.equal(await page.getByLabel("Jenis peta").inputValue(), "lintas_fungsi");
  await checkBothSizes(page, "new map", { env, shots: "maps" });
  await page.getByRole("button", { name: "Buat dan mulai menyusun" }).click();
  await page.waitForURL(/\/peta\/[0-9A-Z]{26}\/sunting$/);
  const mapId = page.url().match(/\/peta\/([0-9A-Z]{26})\/sunting$/)[1];
  await page.getByTestId("modeler").and(page.locator("[data-ready]")).waitFor();

  await page.getByLabel("Impor BPMN (Camunda, bpmn.io, Bizagi)").setInputFiles(
    { name: "izin.bpmn", mimeType: "application/xml", buffer: Buffer.from(camunda) });
  const unsupported = page.getByTestId("unsupported");
  await unsupported.waitFor();
  assert.match(await unsupported.textContent(), /Tunggu 3 hari/);
  await page.getByText(/Berkas izin\.bpmn diimpor: 2 lajur/).waitFor();
  await page.getByTestId("modeler").locator('.djs-element[data-element-id="Activity_Periksa"]').waitFor();
  await checkBothSizes(page, "map editor, a BPMN file imported", { env, shots: "maps" });

  // The draft holds what the map kind holds: lanes, the activity, the sub-process, the gateway.
  const document = await draftWhen(page, mapId,
    (d) => (d.lanes ?? []).length === 2 && (d.nodes ?? []).some((n) => n.id === "Activity_Periksa"), "the file's lanes and nodes");
  assert.deepEqual(document.nodes.map((n) => [n.id, n.type]).sort(), [
    ["Activity_Periksa", "subproses"], ["Activity_Terima", "aktivitas"], ["Event_Selesai", "selesai"],
    ["Gateway_Lengkap", "gerbang_xor"], ["StartEvent_1", "mulai"]]);
  assert.equal(document.title, "Pelayanan Izin Reklame", "the title stays the map's");

  // A lane gets its position from the org tree through the panel.
  await page.getByTestId("modeler").locator('.djs-element[data-element-id="Lane_Kasi"]').click({ position: { x: 15, y: 60 } });
  const owner = page.getByTestId("lane-owner");
  await owner.fill("kepala seksi pengembangan");
  await page.getByRole("option", { name: /Kepala Seksi Pengembangan Aplikasi/ }).first().waitFor();
  await owner.press("Enter");
  await draftWhen(page, mapId, (d) => !!(d.lanes ?? []).find((l) => l.id === "Lane_Kasi")?.position, "the lane's position");
  assertQuiet(page);
  await page.context().close();
});
