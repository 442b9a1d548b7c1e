"""A stand-in, inside the browser, for the help and events API that other branches are building.

Routes follow /work/shared/API.md and the data-model contract. Each signed-in browser context gets
its own view of one shared world, so a requester and a helper can meet. Calls reach the real
server for everything else (accounts, circles, profiles, notifications).
"""

import json
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

CATEGORY_LABELS = {"shopping": "Indkøb", "it_help": "Hjælp med it og telefon", "garden": "Have"}


@dataclass
class Person:
    id: int
    name: str
    phone: str
    email: str


@dataclass
class World:
    """Everything the fake API knows, and every creating call it received."""

    people: dict = field(default_factory=dict)
    requests: dict = field(default_factory=dict)
    matches: dict = field(default_factory=dict)
    events: dict = field(default_factory=dict)
    bookings: dict = field(default_factory=dict)
    offers: list = field(default_factory=list)
    answers: dict = field(default_factory=dict)  # (user, Idempotency-Key) -> first answer
    calls: list = field(default_factory=list)  # (path, Idempotency-Key) of every creating POST
    offline: bool = False

    def add_event(self, places_left: int = 10, **fields) -> dict:
        """A one-off event, shaped as GET /events/{id} answers it."""
        occurrence = {
            "occurrence_start": fields["starts_at"],
            "starts_at": fields["starts_at"],
            "cancelled": False,
            "places_left": places_left,
            "my_status": None,
        }
        event = {"id": len(self.events) + 1, "occurrences": [occurrence], **fields}
        self.events[event["id"]] = event
        return event

    def event_rows(self) -> list:
        """GET /events: one row per occurrence."""
        rows = []
        for event in self.events.values():
            fields = {k: v for k, v in event.items() if k != "occurrences"}
            rows += [{**fields, **occurrence} for occurrence in event["occurrences"]]
        return rows

    def request_view(self, request: dict, me: Person) -> dict:
        """GET /requests/{id}: the requester sees every match, with contacts once agreed."""
        matches = [
            {
                "id": m["id"],
                "origin": m["origin"],
                "status": m["status"],
                "helper_first_name": self.people[m["helper_id"]].name.split()[0],
                "helper": self.contact(self.people[m["helper_id"]]) if agreed(m) else None,
            }
            for m in self.matches.values()
            if m["request_id"] == request["id"]
        ]
        return {**request, "mine": request["requester_id"] == me.id, "matches": matches}

    def match_view(self, match: dict, me: Person) -> dict:
        """GET /matches/{id}: the match from the caller's side."""
        request = self.requests[match["request_id"]]
        helping = me.id == match["helper_id"]
        other = self.people[request["requester_id"] if helping else match["helper_id"]]
        answers = "helper" if match["origin"] == "invite" else "requester"
        side = "helper" if helping else "requester"
        return {
            **match,
            "category": request["category"],
            "category_label": request["category_label"],
            "description": request["description"],
            "needed_at": request["needed_at"],
            "my_side": side,
            "waiting_for_me": match["status"] == "proposed" and side == answers,
            "distance_km": 0.6,
            "other_first_name": other.name.split()[0],
            "other": self.contact(other) if agreed(match) else None,
        }

    @staticmethod
    def contact(person: Person) -> dict:
        return {
            "user_id": person.id,
            "name": person.name,
            "phone": person.phone,
            "email": person.email,
        }


def agreed(match: dict) -> bool:
    return match["status"] in ("accepted", "done")


def reply(route, status: int, body=None, headers=None) -> None:
    route.fulfill(
        status=status,
        headers={"Content-Type": "application/json", **(headers or {})},
        body=json.dumps(body) if body is not None else "",
    )


def install(context, world: World, me: Person) -> None:
    """Answer the help and events routes for this browser context, as the person me."""
    world.people[me.id] = me

    def handle(route):
        request = route.request
        url = urlparse(request.url)
        path = url.path.removeprefix("/api/v1")
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if world.offline:
            return route.abort("internetdisconnected")
        if request.method == "POST":
            key = request.headers.get("idempotency-key")
            world.calls.append((path, key))
            if key and (me.id, key) in world.answers:
                status, body = world.answers[(me.id, key)]
                return reply(route, status, body, {"Idempotent-Replayed": "true"})
            status, body = post(path, json.loads(request.post_data or "{}"))
            if key:
                world.answers[(me.id, key)] = (status, body)
            return reply(route, status, body)
        if request.method == "DELETE" and path.endswith("/rsvp"):
            event = world.events[int(path.split("/")[2])]
            event["occurrences"][0]["my_status"] = None
            return reply(route, 204)
        return get(route, path, query)

    def get(route, path, query):
        if path == "/requests":
            if query.get("near"):
                found = [
                    {**r, "mine": False, "distance_km": r.get("distance_km", 0.6)}
                    for r in world.requests.values()
                    if r["requester_id"] != me.id and r["status"] == "open"
                ]
            else:
                found = [
                    world.request_view(r, me)
                    for r in world.requests.values()
                    if r["requester_id"] == me.id
                ]
            return reply(route, 200, found)
        if m := re.fullmatch(r"/requests/(\d+)", path):
            return reply(route, 200, world.request_view(world.requests[int(m[1])], me))
        if m := re.fullmatch(r"/requests/(\d+)/suggestions", path):
            helpers = [p for p in world.people.values() if p.id != me.id]
            reasons = ["Bor 600 m fra dig", "Har tid tirsdag formiddag"]
            found = [
                {
                    "helper_id": p.id,
                    "first_name": p.name.split()[0],
                    "distance_km": 0.6,
                    "score": 0.9,
                    "reasons": reasons,
                }
                for p in helpers
            ]
            return reply(route, 200, found)
        if path == "/matches":
            mine = [
                world.match_view(m, me)
                for m in world.matches.values()
                if me.id in (m["helper_id"], world.requests[m["request_id"]]["requester_id"])
            ]
            return reply(route, 200, mine)
        if m := re.fullmatch(r"/matches/(\d+)", path):
            return reply(route, 200, world.match_view(world.matches[int(m[1])], me))
        if path == "/me/relationships":
            return reply(route, 200, [])
        if path == "/offers":
            return reply(route, 200, [o for o in world.offers if o["user_id"] == me.id])
        if path == "/events":
            return reply(route, 200, world.event_rows())
        if m := re.fullmatch(r"/events/(\d+)", path):
            return reply(route, 200, world.events[int(m[1])])
        if m := re.fullmatch(r"/events/(\d+)\.ics", path):
            event = world.events[int(m[1])]
            lines = ["BEGIN:VCALENDAR", "BEGIN:VEVENT", f"SUMMARY:{event['title']}", "END:VEVENT"]
            ics = "\r\n".join([*lines, "END:VCALENDAR", ""])
            return route.fulfill(status=200, headers={"Content-Type": "text/calendar"}, body=ics)
        return reply(route, 404, {"code": 404, "message": "Not found"})

    def post(path, body):
        if path == "/requests":
            created = {
                "id": len(world.requests) + 1,
                "requester_id": me.id,
                "status": "open",
                "category_label": CATEGORY_LABELS.get(body["category"], body["category"]),
                "needed_at": None,
                "place": None,
                **body,
            }
            world.requests[created["id"]] = created
            return 201, created
        if path == "/offers":
            world.offers.append({"id": len(world.offers) + 1, "user_id": me.id, **body})
            return 201, world.offers[-1]
        if path == "/matches":
            invite = "helper_id" in body
            match = {
                "id": len(world.matches) + 1,
                "request_id": body["request_id"],
                "helper_id": body.get("helper_id", me.id),
                "origin": "invite" if invite else "volunteer",
                "status": "proposed",
                "thanks_note": None,
            }
            world.matches[match["id"]] = match
            return 201, world.match_view(match, me)
        if m := re.fullmatch(r"/matches/(\d+)/(accept|decline|done|thanks)", path):
            match = world.matches[int(m[1])]
            action = m[2]
            if action == "thanks":
                match["thanks_note"] = body.get("note") or "Tak!"
            else:
                match["status"] = {"accept": "accepted", "decline": "declined", "done": "done"}[
                    action
                ]
                request = world.requests[match["request_id"]]
                request["status"] = {"accepted": "matched", "done": "done"}.get(
                    match["status"], request["status"]
                )
            return 200, world.match_view(match, me)
        if m := re.fullmatch(r"/events/(\d+)/rsvp", path):
            event = world.events[int(m[1])]
            occurrence = next(
                o for o in event["occurrences"] if o["occurrence_start"] == body["occurrence_start"]
            )
            status = "going" if occurrence["places_left"] else "waiting"
            occurrence["my_status"] = status
            occurrence["places_left"] = max(0, occurrence["places_left"] - 1)
            return 201, {"event_id": event["id"], "status": status, **body}
        return 404, {"code": 404, "message": "Not found"}

    for pattern in (
        "**/api/v1/requests**",
        "**/api/v1/offers**",
        "**/api/v1/matches**",
        "**/api/v1/events**",
    ):
        context.route(pattern, handle)
