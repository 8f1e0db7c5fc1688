// Parses Adaptive Cards with the official `adaptivecards` library and fails on any parse warning, validation
// event or unknown element. Input: a JSON file holding an array of { name, card }. Prints one line per card.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js"); // the UMD build: lib/ is ESM meant for bundlers

const cards = JSON.parse(readFileSync(process.argv[2], "utf8"));
let failures = 0;
for (const { name, card } of cards) {
  const context = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const problems = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`parse: ${event.message}`);
  }
  const validation = parsed.validateProperties();
  for (const event of validation.validationEvents) problems.push(`validate: ${event.message}`);
  // A round trip must keep every element: an element the library did not know would be dropped.
  const written = JSON.stringify(parsed.toJSON());
  for (const type of new Set(JSON.stringify(card).match(/"type":"[A-Za-z.]+"/g))) {
    if (!written.includes(type)) problems.push(`element lost in the round trip: ${type}`);
  }
  // Teams reads refresh.userIds (who gets automatic refresh): the library must know it, not drop it.
  const userIds = JSON.stringify(card.refresh?.userIds ?? null);
  if (userIds !== JSON.stringify(parsed.toJSON()?.refresh?.userIds ?? null)) problems.push("refresh.userIds lost in the round trip");
  if (problems.length > 0) {
    failures++;
    console.log(`FAIL ${name}: ${problems.join(" | ")}`);
  } else {
    console.log(`ok ${name}`);
  }
}
process.exit(failures === 0 ? 0 : 1);
