// An optional map beside the list. Leaflet and the tiles load only when the member asks for
// the map, and only when the server names a tile server: nothing is fetched from elsewhere.
import { t } from "../i18n.js";
import { state } from "../store.js";
import { h } from "../ui.js";

let config = null;

async function mapConfig() {
  if (!config)
    config = await fetch("/config.json")
      .then((r) => r.json())
      .catch(() => ({}));
  return config;
}

async function draw(container, items, { tile_url: tileUrl, tile_attribution: attribution }) {
  if (!document.querySelector("link[data-leaflet]")) {
    document.head.append(
      h("link", { rel: "stylesheet", href: "/vendor/leaflet/leaflet.css", "data-leaflet": true }),
    );
  }
  const L = await import("/vendor/leaflet/leaflet-src.esm.js");
  const placed = items.filter((item) => item.latitude != null && item.longitude != null);
  const calm = matchMedia("(prefers-reduced-motion: reduce)").matches;
  // Zoom with the + and - buttons or the keyboard; the list beside the map has everything too.
  const map = L.map(container, {
    scrollWheelZoom: false,
    zoomAnimation: !calm,
    fadeAnimation: !calm,
    markerZoomAnimation: !calm,
  });
  L.tileLayer(tileUrl, { attribution, maxZoom: 18 }).addTo(map);
  for (const item of placed) {
    L.marker([item.latitude, item.longitude], {
      keyboard: true,
      title: item.category_label || item.title || "",
    }).addTo(map);
  }
  if (placed.length)
    map.fitBounds(
      placed.map((item) => [item.latitude, item.longitude]),
      { maxZoom: 15 },
    );
  else map.setView([state.me?.latitude ?? 56.16, state.me?.longitude ?? 10.2], 14); // home: seen only by me
}

/** A "show on a map" button, or nothing when no tile server is configured. */
export async function mapButton(items) {
  const { tile_url: tileUrl } = await mapConfig();
  if (!tileUrl) return null;
  const container = h("div", { id: "map", hidden: true, role: "region", "aria-label": t("map.label") });
  const button = h(
    "button",
    { type: "button", class: "secondary", "aria-expanded": "false", "aria-controls": "map" },
    t("map.show"),
  );
  button.addEventListener("click", async () => {
    const showing = container.hidden;
    container.hidden = !showing;
    button.setAttribute("aria-expanded", String(showing));
    button.textContent = showing ? t("map.hide") : t("map.show");
    if (showing && !container.dataset.drawn) {
      container.dataset.drawn = "1";
      await draw(container, items, await mapConfig());
    }
  });
  return h("div", {}, button, container);
}
