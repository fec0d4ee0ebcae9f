// Reads iCalendar files the way Thunderbird does (ical.js) and prints every event's start and end in UTC.
//   node read_ics.mjs FILE...  ->  {"FILE": [{"uid", "start", "end", "organizer", "method"}...]...}
// Times are ISO 8601 in UTC ("2026-03-30T08:00:00Z"); a date-only start is printed as "2026-03-20".
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function utc(time) {
  if (time.isDate) return time.toString();
  return new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

const out = {};
for (const path of process.argv.slice(2)) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  out[path] = {
    method: calendar.getFirstPropertyValue("method"),
    components: calendar.getAllSubcomponents().map((c) => c.name),
    events: calendar.getAllSubcomponents("vevent").map((component) => {
      const event = new ICAL.Event(component);
      return {
        uid: event.uid,
        start: utc(event.startDate),
        end: utc(event.endDate),
        organizer: component.getFirstPropertyValue("organizer"),
      };
    }),
  };
}
process.stdout.write(JSON.stringify(out));
