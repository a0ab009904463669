// Runs Amazon Polly operations with the official AWS SDK for JavaScript, for the tests that hold the Polly fake to
// what that SDK signs and parses. Reads one JSON command a line on stdin:
//   {"endpoint", "region", "accessKeyId", "secretAccessKey", "operation", "input"}
// and writes one JSON line for each on stdout, in order:
//   {"ok": true, "output": {...}}            the parsed output; a streamed audio body as base64 in AudioStream
//   {"ok": false, "error": {"name", "type", "fault", "status", "message", "requestId"}}
// where type is the class the SDK raised: the modeled error's own for the errors Polly declares, else its base class.
// Requests go over HTTP/1.1 (NodeHttpHandler; the Polly client's own default is HTTP/2) with one attempt, so an
// error the fake answers is seen as it was answered, not after the SDK's retries.
import { createInterface } from "node:readline";
import {
  DeleteLexiconCommand,
  DescribeVoicesCommand,
  GetLexiconCommand,
  ListLexiconsCommand,
  PollyClient,
  PutLexiconCommand,
  SynthesizeSpeechCommand,
} from "@aws-sdk/client-polly";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const commands = {
  DeleteLexicon: DeleteLexiconCommand,
  DescribeVoices: DescribeVoicesCommand,
  GetLexicon: GetLexiconCommand,
  ListLexicons: ListLexiconsCommand,
  PutLexicon: PutLexiconCommand,
  SynthesizeSpeech: SynthesizeSpeechCommand,
};

const clients = new Map();

function clientFor({ endpoint, region, accessKeyId, secretAccessKey }) {
  const key = JSON.stringify([endpoint, region, accessKeyId, secretAccessKey]);
  if (!clients.has(key)) {
    clients.set(key, new PollyClient({
      endpoint,
      region,
      credentials: { accessKeyId, secretAccessKey },
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler(),
    }));
  }
  return clients.get(key);
}

async function run(command) {
  const Command = commands[command.operation];
  if (!Command) {
    throw new Error(`unknown operation ${command.operation}`);
  }
  const output = await clientFor(command).send(new Command(command.input ?? {}));
  if (output.AudioStream) {
    output.AudioStream = Buffer.from(await output.AudioStream.transformToByteArray()).toString("base64");
  }
  return output;
}

function describe(error) {
  return {
    name: error.name,
    type: error.constructor?.name ?? null,
    fault: error.$fault ?? null,
    status: error.$metadata?.httpStatusCode ?? null,
    message: error.message,
    requestId: error.$metadata?.requestId ?? null,
  };
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim().length === 0) {
    continue;
  }
  let answer;
  try {
    answer = { ok: true, output: await run(JSON.parse(line)) };
  } catch (error) {
    answer = { ok: false, error: describe(error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
