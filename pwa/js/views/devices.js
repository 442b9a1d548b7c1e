// Settings: the phones, tablets and computers where the member is signed in, and ending them.
import { del, get } from "../api.js";
import { forgetSavedAnswers, state } from "../store.js";
import { h, setFlash } from "../ui.js";
import { t, when } from "../i18n.js";

/** A name a person recognises ("iPad, Safari") from the browser's long User-Agent text. */
export function deviceName(agent) {
  const kinds = [
    ["iPad", /iPad/],
    ["iPhone", /iPhone/],
    ["Android", /Android/],
    ["Windows", /Windows/],
    ["Mac", /Macintosh|Mac OS X/],
    ["Linux", /Linux/],
  ];
  const browsers = [
    ["Edge", /Edg\//],
    ["Firefox", /Firefox\//],
    ["Chrome", /Chrome\//],
    ["Safari", /Safari\//],
  ];
  const kind = kinds.find(([, pattern]) => pattern.test(agent || ""))?.[0];
  const browser = browsers.find(([, pattern]) => pattern.test(agent || ""))?.[0];
  return [kind, browser].filter(Boolean).join(", ") || t("devices.unknown");
}

/** The list, each with a button to sign that device out, and "sign out everywhere". */
export function devicesSection(go) {
  const list = h("ul", { class: "devices" }, h("li", {}, t("devices.loading")));
  const everywhere = h(
    "button",
    {
      type: "button",
      class: "secondary",
      onclick: async () => {
        if (!window.confirm(t("devices.everywhere_confirm"))) return;
        await del("/me/sessions");
        state.me = null;
        await forgetSavedAnswers();
        setFlash(t("devices.everywhere_done"));
        go("#/signin");
      },
    },
    t("devices.everywhere"),
  );
  const fill = async () => {
    const { data } = await get("/me/sessions");
    list.replaceChildren(
      ...data.map((device) =>
        h(
          "li",
          {},
          h("strong", {}, deviceName(device.device)),
          " ",
          device.current
            ? t("devices.this_one")
            : t("devices.last_used", { when: when(device.last_seen_at) }),
          device.current
            ? null
            : h(
                "button",
                {
                  type: "button",
                  class: "secondary",
                  onclick: async () => {
                    await del(`/me/sessions/${device.id}`);
                    await fill();
                  },
                },
                t("devices.sign_out"),
              ),
        ),
      ),
    );
  };
  fill().catch(() => list.replaceChildren(h("li", {}, t("devices.unavailable"))));
  return h(
    "section",
    { class: "field", "aria-labelledby": "devices-heading" },
    h("h2", { id: "devices-heading" }, t("devices.title")),
    h("p", { class: "hint" }, t("devices.hint")),
    list,
    everywhere,
  );
}
