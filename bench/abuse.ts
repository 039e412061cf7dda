/**
 * What sustained anonymous abuse costs under the limits (issue 12.5), with the counters in the
 * database shared by two server processes (two apps, each with its own connection to one SQLite
 * file; requests alternate between them). A clock the bench moves stands in for time, so an
 * hour of abuse runs in seconds; the scheduled purge (unclaimed uploads, old counts) runs every
 * 10 simulated minutes as the server's timer would.
 * 1. intakes from one address, sent as fast as the apps answer for 10 simulated minutes
 *    (200 tries a minute): accepted per minute, refused, database growth per hour;
 * 2. intakes from 100 rotating addresses, each naming a fresh phone: accepted per minute;
 * 3. 1 MiB photo uploads from one address for a simulated hour (20 tries a minute): accepted,
 *    database growth per hour and per day per address;
 * 4. the price of the shared counters: median wall-clock ms of a refused intake (the limit's
 *    two statements and nothing else) and of an accepted one, and the counter rows kept.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFolder } from '../src/cli/folder.js';
import { addJurisdiction } from '../src/commands/jurisdictions.js';
import { purgeUnclaimedMedia } from '../src/commands/requests.js';
import { parseJurisdictionFolder } from '../src/documents/jurisdiction-folder.js';
import { ANONYMOUS_LIMITS } from '../src/requests/index.js';
import { createAnonymousGuard } from '../src/server/anonymous-limits.js';
import { createApp } from '../src/server/app.js';
import { JPEG } from '../src/server/testing/pictures.js';
import { openStore } from '../src/store/index.js';
import { formatNumber, median } from './bench.js';
import type { Bench, Figure } from './bench.js';

const MINUTE = 60_000;
const MiB = 1024 * 1024;

/** A multipart/form-data body with one file `file` (as the public web form sends it). */
function multipart(file: { name: string; content: Buffer; type: string }) {
  const boundary = '----luoshi-bench-boundary';
  const head = Buffer.from(
    `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\n` +
      `content-type: ${file.type}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, file.content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export const abuseBench: Bench = {
  name: 'abuse',
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-abuse-'));
    const file = join(dir, 'abuse.sqlite');
    const size = () =>
      [file, `${file}-wal`].reduce((sum, f) => {
        try {
          return sum + statSync(f).size;
        } catch {
          return sum;
        }
      }, 0);
    // Now: the example jurisdiction's catalogue is in force from its effective date on.
    let clock = new Date();
    const stores = [await openStore(file), await openStore(file)];
    // The example jurisdiction (its areas, units and dispatch catalogue), as a deployment sets it up.
    const folder = fileURLToPath(new URL('../examples/jurisdictions/changping/', import.meta.url));
    await addJurisdiction(stores[0]!, await parseJurisdictionFolder(readFolder(folder)), {
      actor: null,
      at: clock.toISOString(),
      reason: 'bench',
    });
    const apps = await Promise.all(
      stores.map((store) => createApp({ store, webRoot: false, now: () => clock })),
    );
    const guard = createAnonymousGuard(stores[0]!, () => clock);
    let sent = 0;
    const intake = (address: string, phone: string) => {
      sent += 1;
      return apps[sent % 2]!.inject({
        method: 'POST',
        url: '/api/v1/requests',
        remoteAddress: address,
        payload: {
          source: 'web',
          text: `回龙观西大街路口积水很深，车辆无法通行（第${sent}次）`,
          category: '积水',
          location: { address: '回龙观西大街路口18号', area: '回龙观街道' },
          contact: { name: '市民', phone },
        },
      });
    };
    const purge = async () => {
      await purgeUnclaimedMedia(stores[0]!, clock);
      await guard.sweep();
    };
    const figures: Figure[] = [];
    try {
      await intake('192.0.2.1', '13700000000'); // warm up: the jurisdiction's setup is read once
      clock = new Date(clock.getTime() + MINUTE);

      // 1. one address, as fast as it goes
      const before1 = size();
      let accepted = 0;
      let refused = 0;
      const refusedMs: number[] = [];
      const acceptedMs: number[] = [];
      for (let minute = 0; minute < 10; minute += 1) {
        for (let i = 0; i < 200; i += 1) {
          const started = performance.now();
          const answer = await intake('203.0.113.9', `1380000${String(sent).padStart(4, '0')}`);
          const ms = performance.now() - started;
          if (answer.statusCode === 201) {
            accepted += 1;
            acceptedMs.push(ms);
          } else if (answer.statusCode === 429) {
            refused += 1;
            refusedMs.push(ms);
          } else throw new Error(`intake answered ${answer.statusCode}: ${answer.body}`);
          clock = new Date(clock.getTime() + MINUTE / 200);
        }
        if (minute % 10 === 9) await purge();
      }
      const growth1 = ((size() - before1) / 10) * 60;
      log(
        `one address, 200 intakes a minute for 10 minutes on two apps: ${accepted} accepted ` +
          `(${formatNumber(accepted / 10, 1)} a minute), ${refused} refused (429); database growth ` +
          `${formatNumber(growth1 / MiB, 2)} MiB an hour`,
      );
      figures.push({ name: 'intakes accepted per address per minute', value: accepted / 10, unit: '/min' });

      // 2. 100 rotating addresses, fresh phones
      let rotated = 0;
      for (let i = 0; i < 2000; i += 1) {
        const answer = await intake(`198.51.100.${i % 100}`, `1390${String(i).padStart(7, '0')}`);
        if (answer.statusCode === 201) rotated += 1;
        clock = new Date(clock.getTime() + MINUTE / 2000);
      }
      log(`100 addresses, 2,000 intakes in one minute, each a new phone: ${rotated} accepted`);
      figures.push({ name: 'intakes accepted from 100 addresses per minute', value: rotated, unit: '/min' });

      // 3. uploads of 1 MiB from one address for an hour
      await purge();
      const photo = Buffer.concat([JPEG, Buffer.alloc(MiB - JPEG.length)]);
      const before3 = size();
      let files = 0;
      let bytes = 0;
      for (let minute = 0; minute < 60; minute += 1) {
        for (let i = 0; i < 20; i += 1) {
          sent += 1;
          const answer = await apps[sent % 2]!.inject({
            method: 'POST',
            url: '/api/v1/requests/media',
            remoteAddress: '203.0.113.77',
            ...multipart({ name: 'photo.jpg', content: photo, type: 'image/jpeg' }),
          });
          if (answer.statusCode === 201) {
            files += 1;
            bytes += photo.length;
          } else if (answer.statusCode !== 429)
            throw new Error(`upload answered ${answer.statusCode}: ${answer.body}`);
          clock = new Date(clock.getTime() + MINUTE / 20);
        }
        if (minute % 10 === 9) await purge();
      }
      const growth3 = size() - before3;
      log(
        `one address, 1,200 uploads of 1 MiB in an hour: ${files} accepted (${formatNumber(bytes / MiB)} MiB), ` +
          `database grew ${formatNumber(growth3 / MiB, 1)} MiB (unclaimed files purged after ` +
          `${ANONYMOUS_LIMITS.unclaimedTtlMs / MINUTE} minutes; SQLite keeps freed pages for reuse)`,
      );
      figures.push(
        { name: 'unclaimed upload bytes accepted per address per hour', value: bytes / MiB, unit: 'MiB' },
        { name: 'database growth from one address uploading for an hour', value: growth3 / MiB, unit: 'MiB' },
      );

      // 4. the counters' price
      const rows = await stores[0]!.limits.count('intake-address', '203.0.113.9', 0);
      log(
        `a refused intake: median ${median(refusedMs).toFixed(2)} ms; an accepted one: ` +
          `${median(acceptedMs).toFixed(2)} ms (wall clock, two apps on one SQLite file); ` +
          `counter rows of the first address after the purge: ${rows.hits}`,
      );
      figures.push(
        { name: 'refused intake (limit check only)', value: median(refusedMs), unit: 'ms' },
        { name: 'accepted intake', value: median(acceptedMs), unit: 'ms' },
      );
      return figures;
    } finally {
      for (const app of apps) await app.close();
      for (const store of stores) await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
