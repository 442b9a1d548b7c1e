"""Karen's profile leads with Karen: her name, phone, postcode and how the neighbours she is
matched with may reach her; the long lists are folded. How Circles tells her of news is a
setting of its own, with a switch for e-mail."""

from playwright.sync_api import expect

from circles.extensions import db
from tests.browser.conftest import check_screen
from tests.browser.test_screens import sign_in
from tests.factories import make_circle, make_member


def test_karens_profile_starts_with_her_and_folds_the_long_lists(ctx, open_app):
    karen = make_member(make_circle(), name="Karen Jensen", postcode="8000")
    page = open_app("#/signin")
    sign_in(page, karen.email)
    open_app("#/profile")
    expect(
        page.locator("main form input[name=name]")
    ).to_be_visible()  # drawn, not still signing in
    fields = page.locator("main form").locator("input[type=text], input[type=tel], fieldset")
    first = [fields.nth(i).evaluate("e => e.name || e.dataset.field") for i in range(4)]
    assert first == ["name", "phone", "postcode", "contact_channels"]
    expect(
        page.get_by_role("group", name="Sådan kan dem, jeg bliver sat sammen med")
    ).to_be_visible()
    folds = page.locator("main details")
    expect(folds).to_have_count(3)
    for i in range(3):
        expect(folds.nth(i)).not_to_have_attribute("open", "")
    expect(page.get_by_label("Indkøb")).to_be_hidden()
    height = page.locator("main").evaluate("e => e.scrollHeight")  # the footer's links aside
    assert height < 1800, f"the profile is {height} px tall: the lists should be folded"
    check_screen(page, "profile-folded")

    page.get_by_text("Det kan jeg hjælpe med", exact=True).first.click()
    page.get_by_label("Indkøb").check()
    page.get_by_label("Telefon", exact=True).check()
    page.get_by_role("button", name="Gem min profil").click()
    expect(page.get_by_text("Din profil er gemt.")).to_be_visible()
    db.session.refresh(karen)
    assert "shopping" in karen.skills and "phone" in karen.contact_channels

    # A wrong postcode after that: the green "saved" goes; only the problem is shown.
    page.get_by_label("Postnummer").fill("80O0")
    page.get_by_role("button", name="Gem min profil").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.get_by_text("Din profil er gemt.")).to_have_count(0)


def test_how_circles_tells_karen_is_its_own_setting_with_an_email_switch(ctx, open_app):
    karen = make_member(make_circle(), notify_by=["inapp"])
    page = open_app("#/signin")
    sign_in(page, karen.email)
    open_app("#/settings")
    expect(page.get_by_role("group", name="Sådan fortæller Circles mig om nyt")).to_be_visible()
    expect(page.get_by_text("Sådan vil jeg have besked")).to_have_count(0)
    switch = page.get_by_role("switch", name="Send mig også beskeder på e-mail")
    expect(switch).not_to_be_checked()
    switch.check()
    page.get_by_role("button", name="Gem indstillinger").click()
    expect(page.get_by_text("Dine indstillinger er gemt.")).to_be_visible()
    db.session.refresh(karen)
    assert karen.notify_by == ["inapp", "email"]
    expect(page.get_by_role("switch", name="Send mig også beskeder på e-mail")).to_be_checked()
    check_screen(page, "settings-email-switch")


def test_the_time_field_is_there_only_when_karen_wants_a_time(ctx, open_app):
    karen = make_member(make_circle())
    page = open_app("#/signin")
    sign_in(page, karen.email)
    open_app("#/ask")
    page.get_by_label("Have").check()
    page.locator("form button[type=submit]").click()
    expect(page.get_by_label("Når det passer")).to_be_checked()
    expect(page.locator("#f-needed_at")).to_be_hidden()
    page.get_by_label("På et bestemt tidspunkt").check()
    expect(page.locator("#f-needed_at")).to_be_visible()
    page.get_by_label("Når det passer").check()
    expect(page.locator("#f-needed_at")).to_be_hidden()
