"""Flow 2 of DESIGN.md: planners that turn the network's meetings, deadlines and digests into outbox rows.

    planner.plan_due(session, network_id, now)   # a scheduler tick: enqueue what is due
    planner.preview(session, network_id, start, end, now)   # `digibot plan`: what would be sent

The planning itself is pure (plan_meetings, plan_deadlines, plan_calls, plan_digests): a NetworkSnapshot and a
few loaded facts in, `storage.outbox.Planned` rows out; plan_calls sends a call for interest when it is
published, and tells plan_deadlines which reminders the call replaces. working_hours moves reminders and notices into
office hours. facts holds what a notice, update, cancellation or reminder tells, as data (stored on the
outbox row); content puts facts into words (texts in messages/catalog/notify.py), when planned and again
when sent (`content.message_at_send`, called by the delivery worker). calendar writes the .ics invites and
feeds, with the VTIMEZONE from vtimezone.
"""
