#!/usr/bin/env node
// The qrpay command. TypeScript sources run through tsx's loader, registered here once.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
