"""What the front desk said last to one contact, kept in Redis with an expiry.

The state answers "what do '1' and 'yes' refer to?": the slots offered (and for which booking), or
the bookings the customer was asked to choose between. It expires, so a stale "1" a week later is
not a booking. Redis being down only costs the context: the reply then asks again.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime

from redis import Redis
from redis.exceptions import RedisError

from responder.availability import Slot

log = logging.getLogger(__name__)
KEY = "frontdesk:conversation:{contact_id}"


@dataclass
class Conversation:
    contact_id: int
    named_business: bool = False
    offered: list[tuple[str, str]] = field(default_factory=list)  # ISO start, end of each slot offered
    offered_for_booking: int | None = None  # a reschedule of this booking, or None for a new one
    booking_choices: list[int] = field(default_factory=list)  # bookings the customer must choose between
    booking_action: str | None = None  # what to do with the chosen booking: confirm, reschedule, cancel
    told_closed_until: str | None = None  # the office opening (ISO) the customer was told of, said once

    @property
    def offered_slots(self) -> list[Slot]:
        return [Slot(datetime.fromisoformat(start), datetime.fromisoformat(end)) for start, end in self.offered]

    def offer(self, slots, booking_id: int | None = None) -> None:
        self.offered = [(slot.start.isoformat(), slot.end.isoformat()) for slot in slots]
        self.offered_for_booking = booking_id
        self.booking_choices, self.booking_action = [], None

    def ask_which_booking(self, booking_ids: list[int], action: str) -> None:
        self.booking_choices, self.booking_action = booking_ids, action
        self.offered, self.offered_for_booking = [], None

    def settle(self) -> None:
        self.offered, self.offered_for_booking = [], None
        self.booking_choices, self.booking_action = [], None


class ConversationStore:
    def __init__(self, redis: Redis, ttl_seconds: int, circuit=None):
        self.redis = redis
        self.ttl_seconds = ttl_seconds
        self.circuit = circuit  # jobs.redis_circuit.Circuit: skip a Redis that just failed

    def load(self, contact_id: int) -> Conversation:
        if self.circuit is not None and not self.circuit.available():
            return Conversation(contact_id)
        try:
            raw = self.redis.get(KEY.format(contact_id=contact_id))
        except RedisError as error:
            log.warning("conversation state unavailable (%s); answering without it", type(error).__name__)
            if self.circuit is not None:
                self.circuit.failed(error)
            return Conversation(contact_id)
        if raw is None:
            return Conversation(contact_id)
        data = json.loads(raw)
        data["offered"] = [tuple(pair) for pair in data.get("offered", [])]
        return Conversation(**data)

    def save(self, conversation: Conversation) -> None:
        if self.circuit is not None and not self.circuit.available():
            return
        try:
            self.redis.set(KEY.format(contact_id=conversation.contact_id), json.dumps(asdict(conversation)),
                           ex=self.ttl_seconds)
        except RedisError as error:
            log.warning("conversation state not saved (%s)", type(error).__name__)
            if self.circuit is not None:
                self.circuit.failed(error)
