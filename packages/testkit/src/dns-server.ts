import { createSocket, type RemoteInfo } from 'node:dgram';

const TYPE_TXT = 16;
const CLASS_IN = 1;
const RCODE_SERVFAIL = 2;
const RCODE_NXDOMAIN = 3;

/**
 * A tiny authoritative DNS server on UDP loopback, for tests that need real lookups: it answers TXT
 * queries from `txt` (name → the record's strings), NXDOMAIN for a name it does not hold, an empty
 * answer for another type of a name it holds, and SERVFAIL for a name in `failing`. Both are live:
 * change them between lookups.
 */
export interface TestDnsServer {
  /** `127.0.0.1:<port>`, as a resolver's server list takes it. */
  address: string;
  txt: Map<string, string[]>;
  failing: Set<string>;
  /** Names asked for, in order, lower-cased. */
  queries: string[];
  close(): Promise<void>;
}

interface Question {
  id: number;
  flags: number;
  name: string;
  type: number;
  /** The question section as sent, echoed in the answer. */
  section: Buffer;
}

function parseQuestion(message: Buffer): Question | null {
  if (message.length < 12 || message.readUInt16BE(4) !== 1) return null;
  const labels: string[] = [];
  let at = 12;
  while (at < message.length) {
    const length = message[at] ?? 0;
    at += 1;
    if (length === 0) break;
    // Queries carry no compression pointers; anything odd is not answered.
    if (length > 63 || at + length > message.length) return null;
    labels.push(message.subarray(at, at + length).toString('latin1'));
    at += length;
  }
  if (at + 4 > message.length) return null;
  return {
    id: message.readUInt16BE(0),
    flags: message.readUInt16BE(2),
    name: labels.join('.').toLowerCase(),
    type: message.readUInt16BE(at),
    section: message.subarray(12, at + 4),
  };
}

/** A TXT record's data: each string in pieces of at most 255 bytes, each piece behind its length. */
function txtData(strings: string[]): Buffer {
  const pieces: Buffer[] = [];
  for (const text of strings) {
    const bytes = Buffer.from(text);
    for (let at = 0; at === 0 || at < bytes.length; at += 255) {
      const piece = bytes.subarray(at, at + 255);
      pieces.push(Buffer.from([piece.length]), piece);
    }
  }
  return Buffer.concat(pieces);
}

function answerOf(server: Pick<TestDnsServer, 'txt' | 'failing'>, question: Question): Buffer {
  const records = question.type === TYPE_TXT ? server.txt.get(question.name) : undefined;
  const rcode = server.failing.has(question.name)
    ? RCODE_SERVFAIL
    : server.txt.has(question.name)
      ? 0
      : RCODE_NXDOMAIN;
  const answers = rcode === 0 && records ? records.map((text) => [text]) : [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(question.id, 0);
  // QR, the query's opcode and RD, AA and RA set, then the answer's code.
  header.writeUInt16BE(0x8000 | (question.flags & 0x7900) | 0x0400 | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const encoded = answers.map((strings) => {
    const data = txtData(strings);
    const fixed = Buffer.alloc(12);
    // The name is a pointer to the question's, at offset 12.
    fixed.writeUInt16BE(0xc00c, 0);
    fixed.writeUInt16BE(TYPE_TXT, 2);
    fixed.writeUInt16BE(CLASS_IN, 4);
    fixed.writeUInt32BE(0, 6);
    fixed.writeUInt16BE(data.length, 10);
    return Buffer.concat([fixed, data]);
  });
  return Buffer.concat([header, question.section, ...encoded]);
}

/** Starts a DNS server on a free UDP port of 127.0.0.1; see `TestDnsServer`. */
export async function startDnsServer(txt: Record<string, string[]> = {}): Promise<TestDnsServer> {
  const socket = createSocket('udp4');
  const server = {
    txt: new Map(Object.entries(txt)),
    failing: new Set<string>(),
    queries: [] as string[],
  };
  socket.on('message', (message: Buffer, peer: RemoteInfo) => {
    const question = parseQuestion(message);
    if (!question) return;
    server.queries.push(question.name);
    socket.send(answerOf(server, question), peer.port, peer.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  return {
    ...server,
    address: `127.0.0.1:${socket.address().port}`,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
