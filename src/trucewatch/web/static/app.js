// trucewatch dashboard. Everything from the API is inserted with textContent, never as HTML.
"use strict";

const TYPE_COLOURS = {
  "Battles": "#c0392b", "Explosions/Remote violence": "#e67e22", "Violence against civilians": "#8e44ad",
  "Protests": "#2980b9", "Riots": "#16a085", "Strategic developments": "#7f8c8d",
};
const STATUS_COLOURS = {
  violation: "#c0392b", alleged: "#e67e22", threat: "#f1c40f", contested: "#8e44ad",
  unattributable: "#7f8c8d", not_violation: "#27ae60", none: "#95a5a6",
};
const PARTY_COLOURS = ["#c0392b", "#2980b9", "#27ae60", "#8e44ad", "#e67e22", "#16a085", "#7f8c8d"];

const state = { events: [], selected: null, agreement: null, config: null };
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null && text !== undefined) node.textContent = String(text);
  return node;
}

async function getJSON(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(url + ": " + r.status);
  return r.json();
}

// --- map -----------------------------------------------------------------------------
const map = L.map("map", { zoomControl: true, worldCopyJump: true, minZoom: 2, maxZoom: 14 }).setView([35, 38], 5);
const clusters = L.markerClusterGroup({ disableClusteringAtZoom: 9, showCoverageOnHover: false });
map.addLayer(clusters);
const admin1Loaded = new Set();

async function baseLayers() {
  state.config = await getJSON("/api/config");
  if (state.config.tile_url) {
    L.tileLayer(state.config.tile_url, { attribution: state.config.tile_attribution || "" }).addTo(map);
  }
  try {
    const world = await getJSON("/static/vendor/geodata/countries.json");
    L.geoJSON(world, { style: { color: "#888", weight: 1, fillColor: "#f2efe6", fillOpacity: state.config.tile_url ? 0 : 1 },
      interactive: false }).addTo(map);
  } catch (e) { console.warn("no bundled boundaries", e); }
}

async function admin1For(countries) {
  for (const iso of countries) {
    if (!iso || admin1Loaded.has(iso)) continue;
    admin1Loaded.add(iso);
    try {
      const gj = await getJSON("/static/vendor/geodata/admin1/" + encodeURIComponent(iso) + ".json");
      L.geoJSON(gj, { style: { color: "#aaa", weight: 0.6, dashArray: "3", fill: false }, interactive: false }).addTo(map);
    } catch (e) { /* no first-level boundaries for this country */ }
  }
  clusters.bringToFront && clusters.bringToFront();
}

function statusOf(ev) {
  const ag = $("f-agreement").value;
  const j = (ev.judgements || []).find((x) => !ag || x.agreement_id === ag);
  return j ? j.status : "none";
}

function colourOf(ev) {
  return $("f-colour").value === "status" ? STATUS_COLOURS[statusOf(ev)] : (TYPE_COLOURS[ev.event_type] || "#333");
}

function drawMap() {
  clusters.clearLayers();
  const pts = [];
  for (const ev of state.events) {
    if (ev.latitude == null || ev.longitude == null) continue;
    // Events ACLED would not code (announced, threatened, denied, negated, hypothetical) are drawn hollow.
    const codable = ev.modality === "occurred" || ev.modality === "claimed";
    const m = L.circleMarker([ev.latitude, ev.longitude], { radius: 7, color: "#222", weight: 1, fillColor: colourOf(ev),
      fillOpacity: codable ? 0.85 : 0.1, dashArray: codable ? null : "3 2", className: "modality-" + ev.modality });
    m.bindTooltip(() => el("span", {}, `${ev.event_date || "?"} ${ev.sub_event_type} — ${ev.location || ""}`));
    m.on("click", () => selectEvent(ev.event_id));
    m.options.eventId = ev.event_id;
    clusters.addLayer(m);
    pts.push([ev.latitude, ev.longitude]);
  }
  if (pts.length) map.fitBounds(pts, { padding: [30, 30], maxZoom: 8 });
  admin1For(new Set(state.events.map((e) => e.iso2)));
  const legend = $("legend");
  legend.textContent = "";
  const table = $("f-colour").value === "status" ? STATUS_COLOURS : TYPE_COLOURS;
  for (const [name, colour] of Object.entries(table)) {
    const dot = el("span"); dot.style.background = colour;
    legend.append(dot, document.createTextNode(name));
  }
}

// --- timeline (SVG, one bar stack per day) -------------------------------------------
const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  return n;
}

function drawTimeline(rows, startDate, title, colours = {}) {
  const box = $("timeline");
  box.textContent = "";
  box.append(el("h3", {}, title));
  if (!rows.length) { box.append(el("p", {}, "No counts for these filters.")); return; }
  const days = [...new Set(rows.map((r) => r.date))].sort();
  const parties = [...new Set(rows.map((r) => r.party))];
  const first = new Date(days[0]), last = new Date(days[days.length - 1]);
  if (startDate && new Date(startDate) < first) first.setTime(new Date(startDate).getTime());
  const n = Math.max(1, Math.round((last - first) / 864e5) + 1);
  const W = 460, H = 160, pad = 24, bw = Math.max(2, (W - pad) / n - 1);
  const partyColour = (p) => colours[p] || PARTY_COLOURS[parties.indexOf(p) % PARTY_COLOURS.length];
  const totals = {};
  for (const r of rows) totals[r.date] = (totals[r.date] || 0) + r.count;
  const max = Math.max(...Object.values(totals), 1);
  const chart = svg("svg", { width: W, height: H + 30, role: "img", "aria-label": title, id: "timeline-svg" });
  const stack = {};
  for (const r of rows) {
    const i = Math.round((new Date(r.date) - first) / 864e5);
    const h = (r.count / max) * H, y0 = stack[r.date] || 0;
    const rect = svg("rect", { x: pad + i * (bw + 1), y: H - y0 - h, width: bw, height: h,
      fill: partyColour(r.party), "data-date": r.date, "data-party": r.party });
    const t = svg("title", {}); t.textContent = `${r.date} ${r.party}: ${r.count}`; rect.append(t);
    chart.append(rect);
    stack[r.date] = y0 + h;
  }
  chart.append(svg("line", { x1: pad, y1: H, x2: W, y2: H, stroke: "#444" }));
  const lab = (x, txt) => { const t = svg("text", { x, y: H + 14, "font-size": 10 }); t.textContent = txt; chart.append(t); };
  lab(pad, first.toISOString().slice(0, 10));
  lab(W - 60, last.toISOString().slice(0, 10));
  const ymax = svg("text", { x: 0, y: 10, "font-size": 10 }); ymax.textContent = String(max); chart.append(ymax);
  if (startDate) {
    const i = Math.round((new Date(startDate) - first) / 864e5);
    const x = pad + i * (bw + 1) - 1;
    chart.append(svg("line", { x1: x, y1: 0, x2: x, y2: H, stroke: "#000", "stroke-dasharray": "4 2", id: "truce-start" }));
    const t = svg("text", { x: x + 3, y: 22, "font-size": 10 }); t.textContent = "truce starts"; chart.append(t);
  }
  box.append(chart);
  const keys = el("div", { class: "keys" });
  parties.forEach((p) => { const s = el("span", { "data-party": p }); s.style.cssText = `display:inline-block;width:10px;height:10px;margin:0 4px 0 8px;background:${partyColour(p)}`; keys.append(s, document.createTextNode(p)); });
  box.append(keys);
}

async function drawAgreement() {
  const ag = $("f-agreement").value;
  const box = $("agreement-status");
  box.textContent = "";
  if (!ag) {
    const byDay = {};
    for (const ev of state.events) if (ev.event_date) byDay[ev.event_date] = (byDay[ev.event_date] || 0) + 1;
    drawTimeline(Object.entries(byDay).map(([date, count]) => ({ date, party: "events", count })), null, "Events per day");
    return;
  }
  const m = await getJSON("/api/agreements/" + encodeURIComponent(ag));
  box.append(el("h2", {}, m.agreement.name));
  const st = el("p", { id: "truce-status", class: "status-" + String(m.status).replace(/\s+/g, "-") }, "Status: " + m.status);
  box.append(st);
  for (const a of m.alerts) box.append(el("p", { class: "alert" }, "⚠ " + a));
  const from = $("f-from").value, to = $("f-to").value;
  const rows = m.daily.filter((r) => (!from || r.date >= from) && (!to || r.date <= to))
    .map((r) => ({ date: r.date, party: r.party, count: r.violations }));
  drawTimeline(rows, m.agreement.start.slice(0, 10), "Violations per day and party", m.party_colours || {});
}

// --- table and event panel -----------------------------------------------------------
function drawTable(total) {
  const body = document.querySelector("#events tbody");
  body.textContent = "";
  for (const ev of state.events) {
    const tr = el("tr", { "data-id": ev.event_id });
    const when = ev.date_last && ev.date_last !== ev.event_date ? `${ev.event_date} – ${ev.date_last}` : ev.event_date;
    for (const v of [when, ev.event_type, ev.sub_event_type, ev.actor1, ev.actor2, ev.location,
      ev.fatalities, ev.modality, statusOf(ev), ev.num_mentions]) tr.append(el("td", {}, v ?? ""));
    tr.addEventListener("click", () => selectEvent(ev.event_id));
    body.append(tr);
  }
  $("count").textContent = `${total} event(s)` + (total > state.events.length ? `, first ${state.events.length} shown` : "");
}

function highlighted(sentence, sentenceStart, evidence) {
  // Split the sentence at evidence offsets; every piece is a text node.
  const p = el("p", { class: "sentence" });
  const spans = evidence
    .map((e) => ({ s: e.start - sentenceStart, e: e.end - sentenceStart, field: e.field, conf: e.confidence }))
    .filter((x) => x.s >= 0 && x.e <= sentence.length && x.s < x.e)
    .sort((a, b) => a.s - b.s || b.e - a.e);
  let pos = 0;
  for (const sp of spans) {
    if (sp.s < pos) continue;  // overlapping spans: keep the first
    p.append(document.createTextNode(sentence.slice(pos, sp.s)));
    const mk = el("mark", { class: sp.field, title: `${sp.field} (confidence ${sp.conf})` }, sentence.slice(sp.s, sp.e));
    p.append(mk);
    pos = sp.e;
  }
  p.append(document.createTextNode(sentence.slice(pos)));
  return p;
}

async function selectEvent(id) {
  state.selected = id;
  syncURL();
  document.querySelectorAll("#events tbody tr").forEach((tr) => tr.classList.toggle("selected", tr.dataset.id === id));
  const d = await getJSON("/api/events/" + encodeURIComponent(id));
  const ev = d.event;
  const body = $("event-body");
  body.textContent = "";
  body.append(el("h3", {}, `${ev.sub_event_type} — ${ev.location || "unknown place"}, ${ev.event_date || "undated"}`));
  const dl = el("dl", { class: "fields" });
  const rows = [["Type", `${ev.event_type} / ${ev.sub_event_type}`], ["Actor 1", ev.actor1], ["Actor 2", ev.actor2],
    ["Where", [ev.location, ev.admin1, ev.country].filter(Boolean).join(", ")], ["Geo precision", ev.geo_precision],
    ["Date", ev.event_date + (ev.date_last && ev.date_last !== ev.event_date ? " – " + ev.date_last : "")],
    ["Deaths", ev.fatalities], ["Modality", ev.modality + (ev.attributed_to ? " (" + ev.attributed_to + ")" : "")],
    ["CAMEO / PLOVER", [ev.cameo, ev.plover, ev.plover_mode].filter(Boolean).join(" / ")],
    ["Sources", `${d.num_sources} outlet(s), ${d.num_articles} article(s)`]];
  for (const [k, v] of rows) { dl.append(el("dt", {}, k), el("dd", {}, v ?? "—")); }
  body.append(dl);
  for (const j of ev.judgements) body.append(el("p", { class: "judgement status-" + String(j.status).replace(/\s+/g, "-") }, `${j.agreement_id}: ${j.status} — ${j.reason}`));
  body.append(el("h4", {}, "Evidence"));
  for (const m of d.mentions) {
    const src = el("div", { class: "source" }, `${m.source || "unknown outlet"} · ${m.published || ""} · `);
    if (safeURL(m.url)) {
      src.append(el("a", { href: m.url, target: "_blank", rel: "noopener noreferrer", class: "article-link" },
        m.title || m.url));
    } else {
      src.append(document.createTextNode(m.title || ""));
    }
    body.append(src, highlighted(m.sentence, m.sentence_start, m.evidence));
  }
  $("event-panel").hidden = false;
  const box = $("event-panel").getBoundingClientRect();
  if (box.top < 0 || box.top > window.innerHeight - 80) $("event-panel").scrollIntoView({ block: "start" });
  syncURL();
}

function safeURL(url) {
  // Article links open only for http(s): a stored "javascript:" URL stays text.
  try { return !!url && ["http:", "https:"].includes(new URL(url).protocol); } catch (e) { return false; }
}

// --- filters -------------------------------------------------------------------------
// The filters, as the API takes them (the colour choice is the page's own).
function filterParams() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData($("filters"))) {
    if (v && k !== "colour") params.set(k, k === "country" ? v.toUpperCase() : v);
  }
  return params;
}

function query() {
  const params = filterParams();
  params.set("limit", "1000");
  return params;
}

// The view in the address bar: filters, colour and the open event, so a copied URL shows the same thing.
function syncURL() {
  const params = filterParams();
  if (!params.has("agreement")) params.set("agreement", "");  // "none" differs from "the default agreement"
  if ($("f-colour").value !== "type") params.set("colour", $("f-colour").value);
  if (state.selected) params.set("event", state.selected);
  history.replaceState(null, "", location.pathname + "?" + params.toString());
}

function restoreFromURL(url) {
  for (const field of $("filters").elements) {
    if (field.name && url.has(field.name)) field.value = url.get(field.name);
  }
}

async function refresh() {
  const exportParams = filterParams();
  exportParams.set("all_modalities", "true");  // the download holds what the table shows
  $("download").href = "/api/export/events.csv?" + exportParams.toString();
  syncURL();
  const page = await getJSON("/api/events?" + query().toString());
  state.events = page.items;
  drawTable(page.total);
  drawMap();
  await drawAgreement();
  document.body.dataset.ready = "1";
}

async function init() {
  await baseLayers();
  for (const t of Object.keys(TYPE_COLOURS)) $("f-type").append(el("option", { value: t }, t));
  const ags = await getJSON("/api/agreements");
  for (const a of ags) $("f-agreement").append(el("option", { value: a.id }, a.name));
  state.defaultAgreement = ags.length ? ags[0].id : "";
  $("f-agreement").value = state.defaultAgreement;
  const url = new URLSearchParams(location.search);
  restoreFromURL(url);
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  $("f-reset").addEventListener("click", () => {
    $("filters").reset();
    $("f-agreement").value = state.defaultAgreement;  // reset to the page's default view, truce included
    refresh();
  });
  $("f-colour").addEventListener("change", () => { drawMap(); syncURL(); });
  $("panel-close").addEventListener("click", () => { $("event-panel").hidden = true; state.selected = null; syncURL(); });
  await refresh();
  if (url.get("event")) await selectEvent(url.get("event"));
  document.body.dataset.restored = "1";
}

init().catch((e) => { $("count").textContent = "Could not load events: " + e.message; });
