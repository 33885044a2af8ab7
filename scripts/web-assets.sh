#!/usr/bin/env bash
# Install the dashboard's front-end packages from npm (pinned by package-lock.json) and copy what the
# page loads into src/trucewatch/web/static/vendor/. Run by scripts/setup.sh; nothing is fetched at run time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WEB="$ROOT/src/trucewatch/web"
VENDOR="$WEB/static/vendor"
if ! command -v npm >/dev/null 2>&1; then
    echo "web-assets: npm is missing (apt-get install npm); the dashboard needs it" >&2
    exit 1
fi
cd "$WEB"
# --ignore-scripts: no package runs code at install (swagger-ui-dist's telemetry dependency among them).
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
rm -rf "$VENDOR"
mkdir -p "$VENDOR/leaflet" "$VENDOR/markercluster" "$VENDOR/geodata/admin1" "$VENDOR/swagger-ui"
cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images \
    node_modules/leaflet/LICENSE "$VENDOR/leaflet/"
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
    node_modules/leaflet.markercluster/dist/MarkerCluster.css \
    node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css \
    node_modules/leaflet.markercluster/MIT-LICENCE.txt "$VENDOR/markercluster/"
# The API docs page (/docs), served offline.
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css \
    node_modules/swagger-ui-dist/favicon-32x32.png node_modules/swagger-ui-dist/LICENSE "$VENDOR/swagger-ui/"
GEO=node_modules/@amcharts/amcharts5-geodata
cp "$GEO/LICENSE" "$VENDOR/geodata/LICENSE"
cp "$GEO/json/worldLow.json" "$VENDOR/geodata/countries.json"
# First-level divisions per country, named by ISO 3166-1 alpha-2 (the "Low" resolution of each country map).
node -e '
const fs = require("fs");
const src = fs.readFileSync(process.argv[1] + "/data/countries2.js", "utf8");
const table = eval("(" + src.slice(src.indexOf("{"), src.lastIndexOf("}") + 1) + ")");
let n = 0;
for (const [iso, info] of Object.entries(table)) {
  const low = (info.maps || []).find((m) => m.endsWith("Low"));
  const file = low && process.argv[1] + "/json/" + low + ".json";
  if (file && fs.existsSync(file)) { fs.copyFileSync(file, process.argv[2] + "/" + iso + ".json"); n++; }
}
console.log("web-assets: admin1 boundaries for " + n + " countries");
' "$GEO" "$VENDOR/geodata/admin1"
