import { type CliCommand, type CliIO, processIO } from './io.ts';

const usage = `qrpay — QR-code payments at the point of sale

Usage:
  qrpay serve [--port N] [--host H] [--data DIR | --db postgres://…]   run the platform
  qrpay demo                                   one full payment against a fresh temporary store
  qrpay emv decode <payload> [--lenient]       decode an EMV merchant-presented payload (JSON)
  qrpay emv decode --cpm <base64>              decode a consumer-presented payload
  qrpay emv encode < payload.json              encode JSON to a payload with its CRC
  qrpay emv encode --cpm < tree.json           encode a consumer-presented tree to Base64
  qrpay qr render <payload> [--svg F|--png F|--terminal]   draw a code
  qrpay qr read <image.png>                    read a QR code from a PNG image
  qrpay qr verify <payload> --keys <url|file>  verify a signed qrpay code
  qrpay kyc check uscc|resident-id|bank-card|phone|email <value>
  qrpay ledger verify [--data DIR | --db …]    re-derive every balance from the transfers
  qrpay risk backtest --rules FILE --from T --to T
  qrpay bench [--json]                         measure the platform on this machine
`;

/** Each command lives in its own module, loaded only when it is asked for. */
const commands: Record<string, () => Promise<{ run: CliCommand }>> = {
  serve: () => import('./serve-command.ts'),
  demo: () => import('./demo-command.ts'),
  emv: () => import('./emv-command.ts'),
  qr: () => import('./qr-command.ts'),
  kyc: () => import('./kyc-command.ts'),
  ledger: () => import('./ledger-command.ts'),
  risk: () => import('./risk-command.ts'),
  bench: () => import('./bench-command.ts'),
};

export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage);
    return name === undefined ? 2 : 0;
  }
  const load = commands[name];
  if (!load) {
    io.err(`qrpay: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  const command = await load();
  return command.run(rest, io);
}
