"""Karen chooses to get her messages by SMS in the app's settings, once she has a mobile number."""

from playwright.sync_api import expect

from circles.accounts.models import User
from tests.browser.conftest import check_screen
from tests.browser.test_help_stories import rows
from tests.browser.test_screens import sign_in
from tests.factories import make_circle, make_member


def test_karen_adds_her_mobile_then_chooses_sms_and_later_turns_it_off(ctx, open_app):
    karen = make_member(make_circle(), name="Karen Jensen", notify_by=["inapp", "email"])
    page = open_app("#/signin")
    sign_in(page, karen.email)
    open_app("#/settings")
    # No mobile number yet: SMS is not offered, and she is told how to get it.
    expect(page.get_by_label("Send mig også beskederne som SMS")).to_have_count(0)
    expect(page.get_by_text("Skriv først dit mobilnummer i din profil.")).to_be_visible()
    page.locator("main").get_by_role("link", name="Min profil").click()
    page.get_by_label("Telefonnummer").fill("20 12 34 56")
    page.get_by_role("button", name="Gem min profil").click()
    expect(page.get_by_text("Din profil er gemt.")).to_be_visible()

    open_app("#/settings")
    expect(page.get_by_text("også som SMS til 20 12 34 56")).to_be_visible()
    expect(page.get_by_text("kan du svare JA eller NEJ på den")).to_be_visible()
    check_screen(page, "settings-sms")
    page.get_by_label("Send mig også beskederne som SMS").check()
    page.get_by_role("button", name="Gem indstillinger").click()
    expect(page.get_by_text("Dine indstillinger er gemt.")).to_be_visible()
    [chosen] = rows(User, id=karen.id)
    assert (chosen.notify_by, chosen.phone_e164) == (["inapp", "email", "sms"], "+4520123456")

    page.reload()
    expect(page.get_by_label("Send mig også beskederne som SMS")).to_be_checked()
    page.get_by_label("Send mig også beskederne som SMS").uncheck()
    page.get_by_role("button", name="Gem indstillinger").click()
    expect(page.get_by_text("Dine indstillinger er gemt.")).to_be_visible()
    assert rows(User, id=karen.id)[0].notify_by == ["inapp", "email"]


def test_in_english_the_sms_choice_says_what_it_means(ctx, open_app):
    karen = make_member(make_circle(), name="Karen Jensen", phone="20 12 34 56")
    page = open_app("#/signin")
    sign_in(page, karen.email)
    open_app("#/settings")
    page.get_by_label("English").check()
    page.get_by_role("button", name="Gem indstillinger").click()
    expect(page.get_by_text("Your settings are saved.")).to_be_visible()
    open_app("#/settings")  # afresh, without the notice
    expect(page.get_by_role("group", name="Messages by text (SMS)")).to_be_visible()
    expect(page.get_by_text("as a text message (SMS) to 20 12 34 56 too")).to_be_visible()
    check_screen(page, "settings-sms")
    page.get_by_label("Send my messages by text (SMS) too").check()
    # The notice of the first save may still show: wait for this save's answer itself.
    with page.expect_response(
        lambda r: r.url.endswith("/api/v1/me") and r.request.method == "PATCH"
    ):
        page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Your settings are saved.")).to_be_visible()
    expect(page.get_by_label("Send my messages by text (SMS) too")).to_be_checked()
    assert "sms" in rows(User, id=karen.id)[0].notify_by
