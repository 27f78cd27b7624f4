"""Bookings by text: offer open slots, book the one chosen, confirm, move or cancel a visit."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from config import Settings
from crm.bookings import MAX_WINDOW
from jobs import planner
from responder import wording
from responder.availability import (
    CLOSED_FOR_THE_DAY,
    FULLY_BOOKED,
    MONTH_ABBREVIATIONS,
    WEEKDAY_ABBREVIATIONS,
    Slot,
    clock,
    describe_slot,
    format_options,
    open_slots,
)
from responder.choice import is_bare_agreement, is_bare_pick, options_named, pick_option, plain, refuses, withdraws
from responder.conversation import Conversation
from responder.escalations import alert_staff, who
from responder.profile import MAX_SLOT_MINUTES
from responder.when import RequestedWindow, as_business_clock, normalise, requested_window
from responder.zones import job_zone
from store.models import Booking, Contact, WorkAddress

HOLDING_STATUSES = ("requested", "confirmed")
MAX_VISITS_TOLD = 3  # "when is my appointment?" lists at most this many upcoming visits (three segments)
STALE_PICK = re.compile(r"^\s*(?:#|option\s*|number\s*|choice\s*)?[1-9]\s*[.!)]?\s*$", re.IGNORECASE)
RECENTLY_CANCELLED = timedelta(hours=1)
MAX_NEXT_LOOKED_AT = 60  # "none of those work": the next openings are looked for among this many soonest
_SAYS_CANCEL = re.compile(r"\b(?:not?|don'?t|n't|never|nunca)(?:\s+(?:la|lo|me|it|please|pls))?\s+canc|\bcanc[eé]l\w*")
SEARCH_STEPS = (2, 14)  # days past the ask to look for openings: first a short look, then a fortnight
# No booking that holds capacity lasts longer: staff and their software enter at most MAX_WINDOW, a booking by
# text is one slot. So a booking that overlaps a span started less than this before it, which bounds the
# availability query below: it reads the days asked about, never the whole past.
LONGEST_BOOKING = max(MAX_WINDOW, timedelta(minutes=MAX_SLOT_MINUTES))


# A request that adds to a visit rather than moving it: "can the tech also look at the sink", "the sink too?",
# "while he's there", "¿también puede revisar...?", "de paso".
_ADDS_TO_THE_VISIT = re.compile(
    r"\b(?:also|as well|too(?=\s*(?:[?!.,;]|$))"
    r"|while (?:he|she|they|you|the tech\w*)(?:'s|'re| is| are)? (?:there|here|out)"
    r"|add(?:ing)? (?:to|on)|tambien|ademas|de paso|aprovechando)\b")
# "earlier" / "later" said of a visit: before or after its present time; "adelantar" / "atrasar" in Spanish.
_RELATIVE_MOVE = re.compile(
    r"\b(?:(?P<earlier>earlier|sooner|adelant\w*)|(?P<later>later|atras\w*|retras\w*|push(?:ed)? back))\b")


def adds_to_the_visit(text: str) -> bool:
    return bool(_ADDS_TO_THE_VISIT.search(plain(normalise(text))))


def _relative_move(text: str) -> str | None:
    """ "earlier" or "later" when the text asks to move a visit that way, else None."""
    match = _RELATIVE_MOVE.search(plain(normalise(text)))
    return match.lastgroup if match else None


def _says_cancel(text: str) -> bool:
    """ "cancel" said and not denied: "yes cancel it", but not "yes, do not cancel it" or "no la cancelen"."""
    said = [match[0] for match in _SAYS_CANCEL.finditer(text)]
    return any(word.startswith("canc") for word in said) and not any(" canc" in word for word in said)


@dataclass
class Answer:
    text: str | None  # None: only a person can answer; the desk says so honestly
    job_ids: list[int] = field(default_factory=list)
    escalate: str | None = None  # a reason to hand the conversation to a person as well


class Desk:
    """The bookings side of one inbound message: its contact, clock and conversation."""

    def __init__(self, session: Session, settings: Settings, contact: Contact, conversation: Conversation,
                 now: datetime):
        self.session, self.settings, self.contact = session, settings, contact
        self.conversation, self.now = conversation, now
        self.profile = settings.profile
        with session.no_autoflush:  # a lazy load of the addresses needs none of the text's pending rows
            addresses = contact.addresses
        self.reader_zone = job_zone(contact.phone, addresses[-1] if addresses else None, self.profile.time_zone)
        self._own_visits: dict[int, datetime] = {}  # the contact's holding bookings seen by availability reads

    def offer(self, text: str, entities: list[dict], *, for_booking: int | None = None, work: bool = False) -> Answer:
        """Times for an ask: to move `for_booking`, else new times or, when the ask names the day of a visit on the
        books, a change to that visit ("can the tech come earlier tomorrow?" moves it; "can the tech also look at the
        sink tomorrow?" is a note on it): never a second visit on the same day. `work`: the text asks for work, so
        the visit's day is a note."""
        window = self._asked_window(text, entities)
        if for_booking is not None:
            if (booking := self.session.get(Booking, for_booking)) is not None:
                window = self._move_window(window, booking, text)
            return self._offer_in(window, for_booking)
        answer = self._open_slots(window, exclude=None)
        visit = self._visit_on(window.days)
        if visit is None:
            return self._offered(answer, window, None)
        if work or adds_to_the_visit(text) and not (window.earliest or window.latest or _relative_move(text)):
            return self._note_on(visit, text)
        return self._offer_in(self._move_window(window, visit, text), visit.id)

    def _asked_window(self, text: str, entities: list[dict]) -> RequestedWindow:
        # Read on the clock the options are shown on: a customer's "after 2pm" is their 2pm.
        return as_business_clock(requested_window(text, self.now, self.reader_zone, entities),
                                 self.reader_zone, self.profile.time_zone, self.now.astimezone(self.reader_zone).date())

    def _offer_in(self, window: RequestedWindow, for_booking: int | None) -> Answer:
        return self._offered(self._open_slots(window, exclude=for_booking), window, for_booking)

    def _offered(self, answer, window: RequestedWindow, for_booking: int | None) -> Answer:
        if not answer.slots:
            return Answer(wording.say("availability_none"), escalate="no_opening")
        self.conversation.offer(answer.slots, for_booking)
        options = format_options(answer.slots, self.reader_zone, self.now)
        if for_booking is not None:
            if answer.matched:
                return Answer(wording.say("reschedule_options", options=options))
            return Answer(wording.say("reschedule_alternatives", closed=self._why_not(answer, window), options=options))
        if answer.matched:
            return Answer(wording.say("availability_options", options=options))
        return Answer(wording.say("availability_alternatives", closed=self._why_not(answer, window),
                                  options=options))

    def _move_window(self, window: RequestedWindow, booking: Booking, text: str) -> RequestedWindow:
        """The times a move of `booking` asks for: "tomorrow's visit to friday" names its own day only to say which
        visit, and "earlier" / "later" are before or after its present time."""
        zone = self.profile.time_zone
        start, end = booking.window_start.astimezone(zone), booking.window_end.astimezone(zone)
        days = window.days
        if start.date() in days and len(days) > 1:
            days = tuple(day for day in days if day != start.date())
        relative = _relative_move(text)
        if relative and window.earliest is None and window.latest is None and days in ((), (start.date(),)):
            earliest, latest = (None, start.time()) if relative == "earlier" else (end.time(), None)
            return replace(window, days=(start.date(),), earliest=earliest, latest=latest)
        return replace(window, days=days)

    def _visit_on(self, days) -> Booking | None:
        """The customer's visit on one of `days`, from the visits the availability read just saw."""
        zone = self.profile.time_zone
        on_those_days = [booking_id for booking_id, start in sorted(self._own_visits.items(), key=lambda item: item[1])
                         if start.astimezone(zone).date() in days]
        return self.session.get(Booking, on_those_days[0]) if on_those_days else None

    def _note_on(self, booking: Booking, text: str) -> Answer:
        """The customer's extra request kept on the visit for the technician, and staff told of it."""
        booking.notes = _noted(booking.notes, f"customer asked by text {self.now:%Y-%m-%d %H:%M} UTC: {text.strip()}")
        window = self._window(booking)
        jobs = alert_staff(self.session, self.profile.staff_numbers, self.contact, f"booking:{booking.id}",
                           lambda reference: wording.say("staff_booking_note", reference=reference,
                                                         **who(self.contact), window=window, text=text.strip()))
        return Answer(wording.say("visit_note_added", window=window), jobs)

    def try_choice(self, text: str) -> Answer | None:
        """The customer's pick after options or a which-visit question; None when it is not one."""
        if (self.conversation.booking_choices or self.conversation.offered) and (
                taken_back := self._taken_back(text)) is not None:
            return taken_back
        if self.conversation.booking_choices:
            return self._choose_booking(text)
        offered = self.conversation.offered_slots
        if not offered:
            return None
        slot = pick_option(text, offered, self.reader_zone, now=self.now)
        if slot is None:
            if len(offered) > 1 and (is_bare_agreement(text) or is_bare_pick(text)):
                return Answer(wording.say("which_option", last=len(offered)))  # "ok" to three times, or "5": which?
            if is_bare_pick(text):  # "the second" when one time was offered
                return Answer(wording.say("only_option"))
            return self._around_offers(text, offered)
        booking_id = self.conversation.offered_for_booking
        if not self._still_open(slot, exclude=booking_id):
            answer = self.offer(text, [], for_booking=booking_id)
            return Answer(f"{wording.say('slot_taken')} {answer.text}", answer.job_ids, answer.escalate)
        self.conversation.settle()
        if booking_id is not None:
            return self._move(self.session.get(Booking, booking_id), slot)
        return self._book(slot)

    def _taken_back(self, text: str) -> Answer | None:
        """ "never mind" to the held times: they are dropped and a visit being moved stays as it was; "just cancel
        it instead" to times for moving a visit cancels it. None when the text is neither."""
        cancels, withdrawn = _says_cancel(normalise(text)), withdraws(text)
        if not (cancels or withdrawn):
            return None
        booking_id = self.conversation.offered_for_booking
        booking = self.session.get(Booking, booking_id) if booking_id is not None else None
        if booking is not None and booking.status not in HOLDING_STATUSES:
            booking = None
        if booking is not None and cancels:
            self.conversation.settle()
            return self._act("cancel", booking, "", [])
        window = requested_window(text, self.now, self.reader_zone, [])
        named = options_named(text, self.conversation.offered_slots, self.reader_zone, now=self.now)
        if not withdrawn or named is not None or window.days or window.earliest or window.latest:
            return None  # "no thanks, friday?" asks for another day; "never mind, the 2nd one" picks
        self.conversation.settle()
        if booking is not None:
            return Answer(wording.say("visit_kept", window=self._window(booking)))
        return Answer(wording.say("offers_dropped"))

    def _around_offers(self, text: str, offered: list[Slot]) -> Answer | None:
        """A reply that asks around the held options: "friday works better" lists the Friday ones again or finds
        times that day; "how about 4pm?" looks on the options' days; "anything later in the day?" looks after the
        last option. None when the text names no day or time and asks nothing of the kind."""
        named = options_named(text, offered, self.reader_zone, now=self.now)
        for_booking = self.conversation.offered_for_booking
        if named:
            if len(named) == 1 or refuses(text):
                return None
            # the Friday ones, listed again on their own
            self.conversation.offer(named, for_booking)
            options = format_options(named, self.reader_zone, self.now)
            return Answer(wording.say("reschedule_options" if for_booking is not None else "availability_options",
                                      options=options))
        asked = requested_window(text, self.now, self.reader_zone, [])
        if asked.days:  # a day none of the options is on
            return self.offer(text, [], for_booking=for_booking)
        if named is not None and (asked.earliest or asked.latest):  # a time none of the options is at: their days
            days = tuple(sorted({slot.start.astimezone(self.reader_zone).date() for slot in offered}))
            window = replace(asked, days=days)
        elif named is None and (relative := _relative_move(text)) is not None:
            edge = max(offered) if relative == "later" else min(offered)
            local_start, local_end = edge.start.astimezone(self.reader_zone), edge.end.astimezone(self.reader_zone)
            window = RequestedWindow(days=(local_start.date(),), phrase=f"{relative} that day",
                                     earliest=local_end.time() if relative == "later" else None,
                                     latest=local_start.time() if relative == "earlier" else None)
        elif named is None and refuses(text):  # "none of those work": the next times after the last one offered
            last = max(offered).start
            soonest = self._open_slots(RequestedWindow(), exclude=for_booking, limit=MAX_NEXT_LOOKED_AT).slots
            following = [slot for slot in soonest if slot.start > last][:self.profile.options_to_offer]
            if not following:
                return Answer(wording.say("availability_none"), escalate="no_opening")
            self.conversation.offer(following, for_booking)
            options = format_options(following, self.reader_zone, self.now)
            return Answer(wording.say("next_options" if for_booking is None else "reschedule_next", options=options))
        else:
            return None
        today = self.now.astimezone(self.reader_zone).date()
        window = as_business_clock(window, self.reader_zone, self.profile.time_zone, today)
        return self._offered(self._open_slots(window, exclude=for_booking, skip=offered), window, for_booking)

    def reoffer_stale_pick(self, text: str) -> Answer | None:
        """A bare "1" with no options held (they expired): fresh times, not a puzzled escalation."""
        if self.conversation.offered or self.conversation.booking_choices or not STALE_PICK.match(text):
            return None
        # With a visit on the books a "1" is no ask for another one: where the visit stands, not new times.
        answer = self.tell_upcoming() or self.offer("", [])
        return Answer(f"{wording.say('offer_expired')} {answer.text}", answer.job_ids, answer.escalate)

    def act_on_booking(self, action: str, text: str, entities: list[dict]) -> Answer:
        if action == "confirm" and _says_cancel(normalise(text)):
            action = "cancel"  # "yes cancel it", "sí, cancélela": the yes agrees to cancelling
        upcoming = self._upcoming()
        if not upcoming:
            if action == "reschedule" and requested_window(text, self.now, self.reader_zone, entities).days:
                return self.offer(text, entities)  # "can we do friday instead" before anything is booked
            if action in ("cancel", "confirm") and (cancelled := self._just_cancelled()) is not None:
                return Answer(wording.say("already_cancelled", window=self._window(cancelled)))  # "yes cancel it"
            return Answer(wording.say("no_upcoming_booking"))
        if len(upcoming) > 1:
            self.conversation.ask_which_booking([booking.id for booking in upcoming], action)
            options = " ".join(f"{number}) {self._window(booking)}" for number, booking in enumerate(upcoming, 1))
            return Answer(wording.say("which_booking", options=options))
        return self._act(action, upcoming[0], text, entities)

    def tell_upcoming(self) -> Answer | None:
        """ "When is my appointment?": the visits on the books, with where each stands; None without one."""
        upcoming = self._upcoming()
        if not upcoming:
            return None
        told = [wording.say("visit_confirmed" if booking.status == "confirmed" else "visit_requested",
                            window=self._window(booking)) for booking in upcoming[:MAX_VISITS_TOLD]]
        return Answer(" ".join(told))

    def upcoming_booking(self) -> Booking | None:
        upcoming = self._upcoming()
        return upcoming[0] if upcoming else None

    def _act(self, action: str, booking: Booking, text: str, entities: list[dict]) -> Answer:
        if action == "confirm":
            template = "booking_confirmed_ack" if booking.status == "confirmed" else "booking_request_pending"
            booking.notes = _noted(booking.notes, f"customer confirmed by text {self.now:%Y-%m-%d %H:%M} UTC")
            return Answer(wording.say(template, window=self._window(booking)))
        if action == "cancel":
            window = self._window(booking)
            booking.status = "cancelled"
            jobs = planner.booking_changed(self.session, self.settings, booking)
            jobs += self._tell_staff("cancelled", booking, window)
            return Answer(wording.say("booking_cancelled", window=window), jobs)
        return self.offer(text, entities, for_booking=booking.id)

    def _choose_booking(self, text: str) -> Answer | None:
        bookings = [self.session.get(Booking, booking_id) for booking_id in self.conversation.booking_choices]
        bookings = [booking for booking in bookings if booking is not None and booking.status in HOLDING_STATUSES]
        slots = [Slot(booking.window_start, booking.window_end) for booking in bookings]
        chosen = pick_option(text, slots, self.reader_zone, now=self.now)
        if chosen is None:
            return None
        booking = bookings[slots.index(chosen)]
        action = self.conversation.booking_action
        self.conversation.settle()
        return self._act(action, booking, "", [])

    def _book(self, slot: Slot) -> Answer:
        booking = Booking(contact_id=self.contact.id, window_start=slot.start, window_end=slot.end,
                          status="requested", source="sms", address_id=self._latest_address_id())
        self.session.add(booking)
        self.session.flush([booking])  # its id names the staff thread; the text's own rows wait for the reply
        window = self._window(booking)
        jobs = planner.booking_changed(self.session, self.settings, booking)
        jobs += alert_staff(self.session, self.profile.staff_numbers, self.contact, f"booking:{booking.id}",
                            lambda reference: wording.say("staff_booking_request", reference=reference,
                                                          **who(self.contact), window=window))
        return Answer(wording.say("booking_requested", window=window), jobs)

    def _move(self, booking: Booking | None, slot: Slot) -> Answer:
        if booking is None or booking.status not in HOLDING_STATUSES:
            return Answer(wording.say("no_upcoming_booking"))
        if (booking.window_start, booking.window_end) == (slot.start, slot.end):
            return Answer(wording.say("visit_kept", window=self._window(booking)))  # its own time is no move
        booking.window_start, booking.window_end, booking.status = slot.start, slot.end, "requested"
        window = self._window(booking)
        jobs = planner.booking_changed(self.session, self.settings, booking)
        jobs += self._tell_staff("moved", booking, window)
        return Answer(wording.say("rescheduled", window=window), jobs)

    def _tell_staff(self, change: str, booking: Booking, window: str) -> list[int]:
        return alert_staff(self.session, self.profile.staff_numbers, self.contact, f"booking:{booking.id}",
                           lambda reference: wording.say("staff_booking_change", reference=reference, change=change,
                                                         **who(self.contact), window=window))

    def _open_slots(self, window: RequestedWindow, *, exclude: int | None, limit: int | None = None,
                    skip: list[Slot] | tuple[()] = ()):
        """Open slots, reading only the bookings of the days the answer can come from.

        Most asks are answered within a couple of days of what was asked; only when that finds too
        little is the full fortnight read (a schedule holds thousands of bookings). `skip`: slots not to offer
        again (the ones a reply turned down).
        """
        today = self.now.astimezone(self.profile.time_zone).date()
        first, last = (min(window.days), max(window.days)) if window.days else (today, today)
        wanted = limit or self.profile.options_to_offer
        moved = self.session.get(Booking, exclude) if exclude is not None else None
        own = [Slot(moved.window_start, moved.window_end)] if moved is not None else []  # not a move
        for search_days in SEARCH_STEPS:
            held = self._held_windows(first - timedelta(days=1), max(last, today) + timedelta(days=search_days + 2),
                                      exclude=exclude)
            # "What's your earliest?": never a second visit on a day of the customer's visits (an ask naming
            # such a day is about that visit: offer).
            their_days = {start.astimezone(self.profile.time_zone).date() for booking_id, start
                          in self._own_visits.items() if booking_id != exclude} if not window.days else set()
            answer = open_slots(self.profile, held, self.now, window, limit=limit, search_days=search_days,
                                unavailable=[*own, *skip, *their_days])
            # Asked days that fit are all there is to offer; an open ask ("after 2pm") widens until
            # it has the options wanted or the horizon ends.
            if len(answer.slots) >= wanted or (answer.matched and window.days):
                return answer
        return answer

    def _still_open(self, slot: Slot, exclude: int | None) -> bool:
        local = slot.start.astimezone(self.profile.time_zone)
        window = RequestedWindow(days=(local.date(),), earliest=local.time(),
                                 latest=slot.end.astimezone(self.profile.time_zone).time())
        answer = self._open_slots(window, exclude=exclude, limit=50)
        return answer.matched and slot in answer.slots

    def _held_windows(self, first_day, last_day, exclude: int | None = None) -> list[tuple[datetime, datetime]]:
        zone = self.profile.time_zone
        since = max(self.now, datetime.combine(first_day, time.min, zone))
        until = datetime.combine(last_day, time.min, zone)
        query = holding_between(since, until, exclude).add_columns(Booking.id, Booking.contact_id)
        if self._booking_pending():
            self.session.flush()
        # Plain rows on the session's connection: no ORM query context for four columns.
        rows = self.session.connection().execute(query).all()
        # The customer's own visits come with the read: an ask for a day they have one on is about that visit.
        self._own_visits.update({booking_id: start for start, _, booking_id, contact in rows
                                 if contact == self.contact.id})
        return [(start, end) for start, end, _, _ in rows]

    def _upcoming(self) -> list[Booking]:
        with self._reading_bookings():
            return list(self.session.scalars(
                select(Booking).where(Booking.contact_id == self.contact.id, Booking.status.in_(HOLDING_STATUSES),
                                      Booking.window_end > self.now).order_by(Booking.window_start)))

    def _reading_bookings(self):
        """A read of bookings needs only the bookings written first: the text's own rows (its message and
        ledger event) wait for the next flush, to go in one INSERT with the reply."""
        return contextlib.nullcontext() if self._booking_pending() else self.session.no_autoflush

    def _booking_pending(self) -> bool:
        return any(isinstance(row, Booking) for row in (*self.session.new, *self.session.dirty))

    def _just_cancelled(self) -> Booking | None:
        """A visit still ahead that was cancelled within the hour: a second "cancel it" is about that one."""
        return self.session.scalars(
            select(Booking).where(Booking.contact_id == self.contact.id, Booking.status == "cancelled",
                                  Booking.window_end > self.now, Booking.updated_at > self.now - RECENTLY_CANCELLED)
            .order_by(Booking.updated_at.desc()).limit(1)).first()

    def _latest_address_id(self) -> int | None:
        addresses = self.contact.addresses
        return addresses[-1].id if addresses else None

    def _window(self, booking: Booking) -> str:
        address = self.session.get(WorkAddress, booking.address_id) if booking.address_id else None
        zone = job_zone(self.contact.phone, address, self.profile.time_zone) if address else self.reader_zone
        return describe_slot(Slot(booking.window_start.astimezone(self.profile.time_zone),
                                  booking.window_end.astimezone(self.profile.time_zone)), zone, self.now)

    def _why_not(self, answer, window: RequestedWindow) -> str:
        """A truthful sentence on why the asked days have nothing: "We're closed Sundays." """
        # "Sunday" asked on a Sunday is today and next Sunday: one sentence for both.
        sentences = dict.fromkeys([*(_closure_sentence(day, reason) for day, reason in answer.closed_days),
                                   *(self._closing_sentence(*late) for late in answer.ends_before)])
        if not sentences:
            return f"Nothing is open {self._asked(window)}."
        return " ".join(list(sentences)[:2])

    def _closing_sentence(self, day, last_start: time, closes: time) -> str:
        """ "We close at 5pm on Wed Nov 25; the last visit starts at 2pm.", on the reader's clock."""
        def read(moment: time) -> str:
            theirs = datetime.combine(day, moment, self.profile.time_zone).astimezone(self.reader_zone)
            zone = f" {theirs.tzname()}" if self.reader_zone.key != self.profile.time_zone.key else ""
            return clock(theirs.time()) + zone

        return f"We close at {read(closes)} on {_day_name(day)}; the last visit starts at {read(last_start)}."

    def _asked(self, window: RequestedWindow) -> str:
        """What was asked, said back plainly ("at 4pm on Fri Nov 27"), not the customer's words."""
        if self.reader_zone.key != self.profile.time_zone.key:
            return window.phrase or "then"  # the window is on the business's clock, the customer reads theirs
        if window.earliest is not None and window.earliest == window.latest:
            hours = f"at {clock(window.earliest)}"
        elif window.earliest is not None and window.latest is not None:
            hours = f"between {clock(window.earliest)} and {clock(window.latest)}"
        elif window.earliest is not None or window.latest is not None:
            hours = f"after {clock(window.earliest)}" if window.earliest else f"before {clock(window.latest)}"
        else:
            hours = ""
        day = f"on {_day_name(window.days[0])}" if len(window.days) == 1 else ""
        return " ".join(part for part in (hours, day) if part) or window.phrase or "then"


def holding_between(since: datetime, until: datetime, exclude: int | None = None) -> Select:
    """The (start, end) of every booking that holds capacity at some moment between `since` and `until`.

    Overlapping means starting before `until` and ending after `since`; the lower bound on the start is what
    lets an index range read only these days, however long the schedule's past.
    """
    query = select(Booking.window_start, Booking.window_end).where(
        Booking.status.in_(HOLDING_STATUSES), Booking.window_start > since - LONGEST_BOOKING,
        Booking.window_start < until, Booking.window_end > since)
    if exclude is not None:
        query = query.where(Booking.id != exclude)
    return query


def _day_name(day) -> str:
    return f"{WEEKDAY_ABBREVIATIONS[day.weekday()]} {MONTH_ABBREVIATIONS[day.month - 1]} {day.day}"


def _closure_sentence(day, reason: str) -> str:
    named = _day_name(day)
    if reason.startswith("closed ") and reason != CLOSED_FOR_THE_DAY:
        return f"We're {reason}."
    if reason.startswith("holiday"):
        holiday = reason.partition(": ")[2]
        return f"We're closed {named}" + (f" ({holiday})." if holiday else " for a holiday.")
    if reason == FULLY_BOOKED:
        return f"{named} is fully booked."
    return f"We can't make it {named}."


def _noted(notes: str | None, line: str) -> str:
    return f"{notes}\n{line}" if notes else line
