// The organizer's map picker on a member's page: a tap fills the point's fields.
// A file of its own: the Content-Security-Policy refuses inline scripts.
// Saving stays the organizer's act.
import * as L from "/vendor/leaflet/leaflet-src.esm.js";
const box = document.getElementById("map");
const map = L.map(box, { scrollWheelZoom: false }).setView([Number(box.dataset.lat), Number(box.dataset.lon)], 15);
L.tileLayer(box.dataset.tiles, { attribution: box.dataset.attribution, maxZoom: 18 }).addTo(map);
let marker = null;
map.on("click", ({ latlng }) => {
  document.getElementById("home-latitude").value = latlng.lat.toFixed(6);
  document.getElementById("home-longitude").value = latlng.lng.toFixed(6);
  if (marker) marker.setLatLng(latlng);
  else marker = L.marker(latlng, { keyboard: false }).addTo(map);
});
