"""Names of the purposes the code refers to; what each allows is data, in compliance/rules.toml."""

CONVERSATIONAL = "conversational"
OPT_OUT_CONFIRMATION = "opt_out_confirmation"
SERVICE_FOLLOWUP = "service_followup"
QUOTE_FOLLOWUP = "quote_followup"
BOOKING_CONFIRMATION = "booking_confirmation"
BOOKING_REMINDER = "booking_reminder"
TRANSACTIONAL = "transactional"
CALL_REPLY = "call_reply"  # the missed-call text-back and the answer to a voicemail
MARKETING = "marketing"

# Follow-up sequences (rules.toml: `sequence = true`), refused after a marketing opt-out.
POST_JOB_CHECKIN = "post_job_checkin"
REVIEW_REQUEST = "review_request"
SATISFACTION_CHECKIN = "satisfaction_checkin"
MAINTENANCE_REMINDER = "maintenance_reminder"
WIN_BACK = "win_back"
BIRTHDAY = "birthday"
ANNIVERSARY = "anniversary"
VIP_CHECKIN = "vip_checkin"
SEQUENCE_PURPOSES = (REVIEW_REQUEST, SATISFACTION_CHECKIN, POST_JOB_CHECKIN, MAINTENANCE_REMINDER, WIN_BACK,
                     BIRTHDAY, ANNIVERSARY, VIP_CHECKIN)
