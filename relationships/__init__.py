"""Follow-up and relationships (seed 001): sequences, enrollments, the relationship score, VIP,
NPS, tracked links, segments and win-back campaigns. Pure domain: no Flask here."""
