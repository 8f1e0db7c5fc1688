// Validates a Teams app manifest against the official JSON schema shipped in @microsoft/app-manifest,
// picking the schema of the manifest's own manifestVersion. Exit code 0 when valid; errors on stderr.
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const file = process.argv[2];
if (!file) {
  console.error("usage: node validate-teams-manifest.mjs <manifest.json>");
  process.exit(2);
}

const manifest = JSON.parse(readFileSync(file, "utf8"));
const root = require.resolve("@microsoft/app-manifest/package.json").replace(/package\.json$/, "");
const schemaPath = `${root}build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`;
if (!existsSync(schemaPath)) {
  console.error(`no official schema for manifestVersion ${manifest.manifestVersion}`);
  process.exit(1);
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
if (!validate(manifest)) {
  for (const error of validate.errors) console.error(`${error.instancePath || "/"} ${error.message} ${JSON.stringify(error.params)}`);
  process.exit(1);
}

console.log(`valid against the official v${manifest.manifestVersion} schema`);
