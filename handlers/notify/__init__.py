"""Flow 2 of DESIGN.md: planners that turn the network's meetings, deadlines and digests into outbox rows.

    planner.plan_due(session, network_id, now)   # a scheduler tick: enqueue what is due
    planner.preview(session, network_id, start, end, now)   # `digibot plan`: what would be sent

The planning itself is pure (plan_meetings, plan_deadlines, plan_digests): a NetworkSnapshot and a few
loaded facts in, `storage.outbox.Planned` rows out. working_hours moves reminders and notices into
office hours; content builds the messages (texts in messages/catalog/notify.py).
"""
