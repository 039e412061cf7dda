/**
 * Test helper: a real SMTP server on 127.0.0.1 (smtp-server) that parses every message it
 * accepts (mailparser), so tests read what arrived as a mail client would. It can require a
 * login, refuse recipients with a given SMTP code, or be stopped and started again on the same
 * port (a mail server down for a while).
 */
import type { AddressInfo } from 'node:net';
import type { ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The login used, when the server required one. */
  user: string | undefined;
  parsed: ParsedMail;
  raw: string;
}

export interface TestSmtpServer {
  port: number;
  mails: ReceivedMail[];
  /** Recipients refused with this SMTP code and text (e.g. 550 mailbox unavailable, 451 try later). */
  refuse(address: string, code: number, text: string): void;
  /** Resolves when `count` mails have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
  /** Listens again on the same port after stop(). */
  restart(): Promise<void>;
}

export async function startSmtpServer(
  options: { user?: string; password?: string; port?: number } = {},
): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = [];
  const refusals = new Map<string, { code: number; text: string }>();
  const waiters: { count: number; resolve: (m: ReceivedMail[]) => void }[] = [];
  const make = () =>
    new SMTPServer({
      secure: false,
      disabledCommands: options.user ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      authOptional: !options.user,
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === options.user && auth.password === options.password)
          callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
      onRcptTo(address, _session, callback) {
        const refusal = refusals.get(address.address.toLowerCase());
        if (!refusal) return callback();
        const error = new Error(refusal.text) as Error & { responseCode: number };
        error.responseCode = refusal.code;
        callback(error);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw)
            .then((parsed) => {
              mails.push({
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
                user: typeof session.user === 'string' ? session.user : undefined,
                parsed,
                raw,
              });
              for (const w of waiters.splice(0)) {
                if (mails.length >= w.count) w.resolve(mails.slice());
                else waiters.push(w);
              }
              callback();
            })
            .catch((e: unknown) => callback(e as Error));
        });
      },
    });
  let server = make();
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
    });
  const port = await listen(options.port ?? 0);
  return {
    port,
    mails,
    refuse: (address, code, text) => refusals.set(address.toLowerCase(), { code, text }),
    waitFor(count, timeoutMs = 10_000) {
      if (mails.length >= count) return Promise.resolve(mails.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${mails.length} of ${count} mails arrived`)),
          timeoutMs,
        );
        waiters.push({ count, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async restart() {
      server = make();
      await listen(port);
    },
  };
}
