"""Push messages on this phone, in the browser: the settings switch and the service worker.

Headless Chromium on a closed network cannot get a real subscription (PushManager.subscribe
needs Google's push service), so the switch is tested with a PushManager stub installed only
in this test (page.add_init_script); what the switch sends to the server is real. The service
worker's push and notificationclick handlers are tested by dispatching synthetic events inside
the real service worker.
"""

import base64
import json

from playwright.sync_api import expect

from circles.accounts.models import User
from circles.notify.models import PushSubscription
from tests.browser.conftest import check_screen
from tests.browser.test_help_stories import rows
from tests.browser.test_screens import sign_in
from tests.factories import make_circle, make_member

ENDPOINT = "https://push.example.net/send/karens-phone"
P256DH = base64.urlsafe_b64encode(b"\x04" + bytes(range(64))).rstrip(b"=").decode()
AUTH = base64.urlsafe_b64encode(bytes(range(16))).rstrip(b"=").decode()

# A stand-in for the browser's push service: subscribe() hands out a fixed subscription and
# remembers it (in localStorage, as a browser would across visits) until unsubscribe().
PUSH_STUB = """
(() => {
  if (!('PushManager' in self) || typeof window === 'undefined') return;
  const saved = () => localStorage.getItem('stub-push');
  const json = JSON.parse('__SUBSCRIPTION__');
  const subscription = (options) => ({
    endpoint: json.endpoint,
    options,
    toJSON: () => json,
    unsubscribe: async () => { localStorage.removeItem('stub-push'); return true; },
  });
  PushManager.prototype.subscribe = async function (options) {
    window.subscribedWithKey = options.applicationServerKey.length;
    localStorage.setItem('stub-push', '1');
    return subscription(options);
  };
  PushManager.prototype.getSubscription = async function () {
    return saved() ? subscription({}) : null;
  };
})();
""".replace(
    "__SUBSCRIPTION__",
    json.dumps(
        {"endpoint": ENDPOINT, "expirationTime": None, "keys": {"p256dh": P256DH, "auth": AUTH}}
    ),
)


def open_settings(page, open_app):
    """The settings screen, once the service worker controls the page."""
    open_app("#/settings")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    open_app("#/settings")
    switch = page.get_by_role("switch", name="Send beskeder til denne telefon")
    expect(switch).to_be_enabled()
    return switch


def test_member_turns_push_on_and_off_with_the_switch(ctx, open_app, context, live_server):
    karen = make_member(make_circle(), name="Karen Jensen")
    context.grant_permissions(["notifications"], origin=live_server)
    context.add_init_script(PUSH_STUB)
    page = open_app("#/signin")
    sign_in(page, karen.email)
    switch = open_settings(page, open_app)
    expect(switch).not_to_be_checked()
    check_screen(page, "settings-push-off")

    switch.check()
    expect(page.get_by_text("Beskeder fra Circles vises nu på telefonens skærm")).to_be_visible()
    assert page.evaluate("window.subscribedWithKey") == 65  # the server's VAPID key, as bytes
    stored = rows(PushSubscription, user_id=karen.id)
    assert [(s.endpoint, s.p256dh, s.auth) for s in stored] == [(ENDPOINT, P256DH, AUTH)]
    assert "push" in rows(User, id=karen.id)[0].notify_by
    check_screen(page, "settings-push-on")

    open_settings(page, open_app)  # a later visit shows it on
    expect(switch).to_be_checked()
    switch.uncheck()
    expect(page.get_by_text("vises ikke længere på telefonens skærm")).to_be_visible()
    assert rows(PushSubscription, user_id=karen.id) == []
    assert "push" not in rows(User, id=karen.id)[0].notify_by


def test_a_browser_without_push_says_so_plainly(ctx, open_app, context):
    karen = make_member(make_circle(), name="Karen Jensen")
    context.add_init_script("delete window.PushManager")
    page = open_app("#/signin")
    sign_in(page, karen.email)
    open_app("#/settings")
    expect(page.get_by_text("kan ikke vise beskeder fra Circles på skærmen")).to_be_visible()
    expect(page.get_by_role("switch", name="Send beskeder til denne telefon")).to_be_disabled()
    check_screen(page, "settings-push-unsupported")


def test_the_service_worker_shows_a_push_message_and_a_tap_opens_its_page(
    ctx, open_app, context, live_server
):
    karen = make_member(make_circle(), name="Karen Jensen")
    context.grant_permissions(["notifications"], origin=live_server)
    page = open_app("#/signin")
    sign_in(page, karen.email)
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    worker = context.service_workers[0]
    shown = worker.evaluate(
        """async () => {
            const message = {title: 'Circles', body: 'Karen har brug for hjælp: Indkøb.',
                             url: 'https://elsewhere.example/#/notifications'};
            const event = new PushEvent('push', {data: JSON.stringify(message)});
            self.dispatchEvent(event);
            for (let i = 0; i < 50; i++) {
                const found = await self.registration.getNotifications();
                if (found.length) return found.map(n => [n.title, n.body, n.data.url]);
                await new Promise(resolve => setTimeout(resolve, 100));
            }
            return [];
        }"""
    )
    assert shown == [
        [
            "Circles",
            "Karen har brug for hjælp: Indkøb.",
            "https://elsewhere.example/#/notifications",
        ]
    ]
    worker.evaluate(
        """async () => {
            const [notification] = await self.registration.getNotifications();
            self.dispatchEvent(new NotificationEvent('notificationclick', {notification}));
        }"""
    )
    # The tap leads to the page in the app, on the app's own address (never elsewhere).
    expect(page).to_have_url(f"{live_server}/#/notifications")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beskeder")
